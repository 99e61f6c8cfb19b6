import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

import { SitePicker } from '@/components/sites/site-picker';
import { FieldErrorText } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';

import type { EventFormValues } from '../lib/event-form';

const KINDS = ['site', 'text'] as const;

/** Where it happens: one of the company's sites, or a place in words. */
export function PlaceField({ form }: { form: UseFormReturn<EventFormValues> }) {
  const { t } = useTranslation('calendar');
  const place = form.watch('place');
  const { errors } = form.formState;
  const error = place === 'site' ? errors.site_id?.message : errors.location?.message;
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1.5 text-sm font-medium">{t('dialog.place')}</legend>
      <div className="flex flex-wrap gap-4">
        {KINDS.map((kind) => (
          <label key={kind} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              className="accent-primary"
              value={kind}
              {...form.register('place')}
            />
            {t(`dialog.place_kinds.${kind}`)}
          </label>
        ))}
      </div>
      {place === 'site' ? (
        <Controller
          control={form.control}
          name="site_id"
          render={({ field }) => (
            <SitePicker
              id="event-site"
              label={t('dialog.place_kinds.site')}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              aria-invalid={error ? true : undefined}
            />
          )}
        />
      ) : (
        <Input
          id="event-location"
          aria-label={t('dialog.place_kinds.text')}
          placeholder={t('dialog.location_placeholder')}
          maxLength={200}
          aria-invalid={error ? true : undefined}
          {...form.register('location')}
        />
      )}
      <FieldErrorText message={error} />
    </fieldset>
  );
}
