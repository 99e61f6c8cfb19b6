import { Info } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { DialogFooter } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { applyProblem, type ProblemFields } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import { useSaveEvent } from '../api/save-event';
import { eventBody, eventFormSchema, movedEnd, type EventFormValues } from '../lib/event-form';
import { noRecurrence } from '../lib/recurrence';
import type { Target } from '../lib/scope';
import { AttendeesInput } from './attendees-input';
import { LookFields } from './look-fields';
import { PlaceField } from './place-field';
import { RecurrenceEditor } from './recurrence-editor';
import { RemindersInput } from './reminders-input';
import { WhenFields } from './when-fields';

/** The API's field paths, by the form field that shows their errors. */
const PROBLEM_FIELDS: ProblemFields<EventFormValues> = {
  title: 'title',
  description: 'description',
  starts_at: 'start_date',
  ends_at: 'end_date',
  time_zone: 'time_zone',
  rrule: 'recurrence',
  location: 'location',
  site_id: 'site_id',
  attendees: 'attendees',
  category: 'category',
  color: 'color',
  visibility: 'visibility',
  reminders: 'reminders',
};

/**
 * As the first day or time changes, the end moves with it (the event keeps its length)
 * and, while it does not repeat, so do the choices its repetition would start with
 * (the weekday, the day of the month).
 */
function useFollowStart(form: UseFormReturn<EventFormValues>) {
  const start = useRef(`${form.getValues('start_date')}T${form.getValues('start_time')}`);
  useEffect(() => {
    const watching = form.watch((values, { name }) => {
      if (name !== 'start_date' && name !== 'start_time') return;
      const day = values.start_date ?? '';
      const now = `${day}T${values.start_time ?? ''}`;
      const end = movedEnd(form.getValues(), start.current, now);
      if (end) {
        form.setValue('end_date', end.end_date);
        form.setValue('end_time', end.end_time);
      }
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(now)) start.current = now;
      if (values.recurrence?.frequency === 'none' && /^\d{4}-\d{2}-\d{2}$/.test(day)) {
        form.setValue('recurrence', noRecurrence(day));
      }
    });
    return () => watching.unsubscribe();
  }, [form]);
}

/**
 * The event's fields; saved as a new event (no `target`) or as a change of `target`.
 * `withRule: false` (one occurrence of a series) leaves the repetition out.
 */
export function EventForm({
  values,
  target,
  withRule,
  onDone,
}: {
  values: EventFormValues;
  target: Target | null;
  withRule: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation('calendar');
  const { t: tc } = useTranslation();
  const save = useSaveEvent();
  const form = useZodForm(eventFormSchema, { defaultValues: values });
  const { errors, isSubmitting } = form.formState;
  const start = form.watch('start_date');
  useFollowStart(form);

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      const saved = await save.mutateAsync({ target, body: eventBody(input, { withRule }) });
      toast.success(t(target ? 'dialog.saved' : 'dialog.created', { title: saved.title }));
      onDone();
    } catch (error) {
      applyProblem(error, form.setError, PROBLEM_FIELDS);
    }
  });

  return (
    <form className="grid gap-5" onSubmit={onSubmit} noValidate>
      <FormField id="event-title" label={t('dialog.title')} error={errors.title}>
        {(control) => (
          <Input {...control} {...form.register('title')} maxLength={200} autoComplete="off" />
        )}
      </FormField>
      <WhenFields form={form} />
      {withRule ? (
        <Controller
          control={form.control}
          name="recurrence"
          render={({ field }) => (
            <RecurrenceEditor
              value={field.value}
              onChange={(next) => {
                field.onChange(next);
                form.setValue('custom_rule', '');
              }}
              start={start}
              errors={errors.recurrence}
              customRule={form.watch('custom_rule')}
            />
          )}
        />
      ) : (
        <p className="bg-muted flex items-start gap-2 rounded-md px-3 py-2 text-sm">
          <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
          {t('dialog.this_note')}
        </p>
      )}
      <PlaceField form={form} />
      <Controller
        control={form.control}
        name="attendees"
        render={({ field }) => (
          <AttendeesInput
            value={field.value}
            onChange={field.onChange}
            error={errors.attendees?.message}
          />
        )}
      />
      <LookFields form={form} />
      <Controller
        control={form.control}
        name="reminders"
        render={({ field }) => (
          <RemindersInput
            value={field.value}
            onChange={field.onChange}
            error={errors.reminders?.message ?? errors.reminders?.root?.message}
          />
        )}
      />
      <FormField
        id="event-description"
        label={t('dialog.description_field')}
        error={errors.description}
      >
        {(control) => (
          <Textarea {...control} rows={3} maxLength={5000} {...form.register('description')} />
        )}
      </FormField>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          {tc('common.cancel')}
        </Button>
        <Button type="submit" pending={isSubmitting}>
          {tc('common.save')}
        </Button>
      </DialogFooter>
    </form>
  );
}
