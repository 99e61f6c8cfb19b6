import { useMemo } from 'react';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

import { FieldErrorText, FormField } from '@/components/ui/form-field';
import { Input, NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';

import type { EventFormValues } from '../lib/event-form';

/** The zones this browser knows, with UTC and the ones in use if it lists them not. */
function useZones(current: string) {
  return useMemo(() => {
    const known = Intl.supportedValuesOf('timeZone');
    return [...new Set(['UTC', current, ...known])].sort();
  }, [current]);
}

/** A day and, unless all day, a time: one label, two inputs, their errors below. */
function DayAndTime({
  form,
  which,
}: {
  form: UseFormReturn<EventFormValues>;
  which: 'start' | 'end';
}) {
  const { t } = useTranslation('calendar');
  const allDay = form.watch('all_day');
  const { errors } = form.formState;
  const dayError = errors[`${which}_date`]?.message;
  const timeError = errors[`${which}_time`]?.message;
  const message = dayError ?? timeError;
  const errorId = `event-${which}-error`;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={`event-${which}-date`}>{t(`dialog.${which}_date`)}</Label>
      <div className="flex gap-2">
        <Input
          id={`event-${which}-date`}
          type="date"
          className="min-w-0 flex-1"
          aria-invalid={dayError ? true : undefined}
          aria-describedby={message ? errorId : undefined}
          {...form.register(`${which}_date`)}
        />
        {allDay ? null : (
          <Input
            type="time"
            className="w-28 shrink-0"
            aria-label={t(`dialog.${which}_time`)}
            aria-invalid={timeError ? true : undefined}
            aria-describedby={message ? errorId : undefined}
            {...form.register(`${which}_time`)}
          />
        )}
      </div>
      <FieldErrorText id={errorId} message={message} />
    </div>
  );
}

/** All day or not, start and end, and the time zone they are typed in. */
export function WhenFields({ form }: { form: UseFormReturn<EventFormValues> }) {
  const { t } = useTranslation('calendar');
  const zones = useZones(form.getValues('time_zone'));
  return (
    <div className="grid gap-3">
      <div className="flex items-center gap-3">
        <Controller
          control={form.control}
          name="all_day"
          render={({ field }) => (
            <Switch
              id="event-all-day"
              checked={field.value}
              onCheckedChange={(checked) => {
                field.onChange(checked);
                // The end may now be before the start, or no longer: check again.
                if (form.formState.isSubmitted) void form.trigger(['end_date', 'end_time']);
              }}
              onBlur={field.onBlur}
            />
          )}
        />
        <Label htmlFor="event-all-day">{t('dialog.all_day')}</Label>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <DayAndTime form={form} which="start" />
        <DayAndTime form={form} which="end" />
      </div>
      <FormField
        id="event-time-zone"
        label={t('dialog.time_zone')}
        hint={t('dialog.time_zone_hint')}
        error={form.formState.errors.time_zone}
      >
        {(control) => (
          <NativeSelect {...control} {...form.register('time_zone')}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>
    </div>
  );
}
