import { useMemo } from 'react';
import type * as React from 'react';
import { Controller, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

import { SitePicker } from '@/components/sites/site-picker';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input, NativeSelect } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { applyProblem, type ProblemFields } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';
import { translateIfExists } from '@/lib/i18n';
import { useFormat } from '@/lib/i18n/format';
import { cn } from '@/lib/utils';

import { incidentSchema, type IncidentInput, type IncidentValues } from '../api/report-incident';
import { INCIDENT_TYPES, MAX_PHOTOS, SEVERITIES } from '../lib/incident';
import { SEVERITY_COLORS } from './incident-badges';
import { PeopleFields } from './people-fields';
import { PersonField } from './person-field';
import { PhotoUploads } from './photo-uploads';
import { PositionButton } from './position-button';
import { usePhotoUploads } from './use-photo-uploads';

const TOP_FIELDS = [
  'title',
  'severity',
  'incident_type',
  'occurred_at',
  'site_id',
  'location',
  'description',
  'immediate_actions',
  'assigned_to',
] as const;
const PERSON_FIELDS = ['full_name', 'employer', 'injury_class', 'days_lost'] as const;

/** The API's field paths (`people[0].days_lost`, `photo_ids[1]`) → the form field showing them. */
function problemFields(): ProblemFields<IncidentInput> {
  const fields: Record<string, Path<IncidentInput>> = {
    coordinates: 'location',
    'coordinates.latitude': 'location',
    'coordinates.longitude': 'location',
    people: 'people',
    photo_ids: 'photo_ids',
  };
  for (const name of TOP_FIELDS) fields[name] = name;
  for (let index = 0; index < MAX_PHOTOS; index += 1) fields[`photo_ids[${index}]`] = 'photo_ids';
  for (let index = 0; index < 50; index += 1) {
    for (const name of PERSON_FIELDS)
      fields[`people[${index}].${name}`] = `people.${index}.${name}`;
  }
  return fields;
}
const PROBLEM_FIELDS = problemFields();

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="bg-card grid gap-4 rounded-lg border p-4 md:p-6">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

type IncidentFormProps = {
  defaultValues: IncidentInput;
  /** Saves the checked values; `draft` when the second button ("Save as draft") sent them. */
  onSave: (values: IncidentValues, draft: boolean) => Promise<void>;
  /** A refusal the page explains itself (true); else it lands under its fields or in a toast. */
  onError?: (error: unknown) => Promise<boolean> | boolean;
  submitLabel: string;
  /** The report's "Save as draft"; an edit has none. */
  draftLabel?: string;
  /** The report sends photos with it; an edit leaves the incident's photos as they are. */
  withPhotos: boolean;
  /** Beside the buttons: a way back. */
  cancel?: React.ReactNode;
};

/**
 * The incident form (report and edit): the seed's fields, checked as the API checks
 * them, with people and, for a report, photos sent as they are chosen.
 */
export function IncidentForm({
  defaultValues,
  onSave,
  onError,
  submitLabel,
  draftLabel,
  withPhotos,
  cancel,
}: IncidentFormProps) {
  const { t } = useTranslation('hse');
  const format = useFormat();
  const schema = useMemo(() => incidentSchema(format.timeZone), [format.timeZone]);
  const form = useZodForm(schema, { defaultValues });
  const { errors, isSubmitting } = form.formState;
  const photos = usePhotoUploads((ids) =>
    form.setValue('photo_ids', ids, { shouldValidate: form.formState.isSubmitted }),
  );

  const send = (draft: boolean) =>
    form.handleSubmit(async (values) => {
      try {
        await onSave(values, draft);
      } catch (error) {
        if (!(await onError?.(error))) applyProblem(error, form.setError, PROBLEM_FIELDS);
      }
    });
  const busy = isSubmitting || photos.uploading;
  const photoError = errors.photo_ids?.message ?? errors.photo_ids?.root?.message;

  return (
    <form className="grid gap-6" onSubmit={(event) => void send(false)(event)} noValidate>
      <Section title={t('form.what')}>
        <FormField
          id="incident-title"
          label={t('form.incident_title')}
          hint={t('form.title_hint')}
          error={errors.title}
        >
          {(control) => <Input {...control} {...form.register('title')} maxLength={200} />}
        </FormField>
        <fieldset className="grid gap-1.5">
          <legend className="mb-1.5 text-sm leading-none font-medium">{t('form.severity')}</legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {SEVERITIES.map((severity) => (
              <label
                key={severity}
                className={cn(
                  'has-focus-visible:ring-ring flex cursor-pointer items-center justify-center rounded-md border-2 px-2 py-2 text-sm font-medium opacity-80 has-checked:opacity-100 has-checked:ring-2 has-checked:ring-offset-2 has-focus-visible:ring-2',
                  SEVERITY_COLORS[severity],
                  'has-checked:ring-current',
                )}
              >
                <input
                  type="radio"
                  className="sr-only"
                  value={severity}
                  {...form.register('severity')}
                />
                {t(`severity.${severity}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="incident-type" label={t('form.type')} error={errors.incident_type}>
            {(control) => (
              <NativeSelect {...control} {...form.register('incident_type')}>
                {INCIDENT_TYPES.map((value) => (
                  <option key={value} value={value}>
                    {t(`types.${value}`)}
                  </option>
                ))}
              </NativeSelect>
            )}
          </FormField>
          <FormField
            id="incident-occurred"
            label={t('form.occurred_at')}
            error={errors.occurred_at}
          >
            {(control) => (
              <Input {...control} {...form.register('occurred_at')} type="datetime-local" />
            )}
          </FormField>
        </div>
        <FormField
          id="incident-description"
          label={t('form.incident_description')}
          hint={t('form.description_hint')}
          error={errors.description}
        >
          {(control) => (
            <Textarea {...control} {...form.register('description')} rows={5} maxLength={10000} />
          )}
        </FormField>
      </Section>

      <Section title={t('form.where')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField id="incident-site" label={t('form.site')} error={errors.site_id}>
            {(control) => (
              <Controller
                control={form.control}
                name="site_id"
                render={({ field }) => (
                  <SitePicker
                    {...control}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                  />
                )}
              />
            )}
          </FormField>
          <FormField
            id="incident-location"
            label={t('form.location')}
            hint={t('form.location_hint')}
            error={errors.location}
          >
            {(control) => <Input {...control} {...form.register('location')} maxLength={200} />}
          </FormField>
        </div>
        <Controller
          control={form.control}
          name="coordinates"
          render={({ field }) => <PositionButton value={field.value} onChange={field.onChange} />}
        />
      </Section>

      <Section title={t('form.who')}>
        <p className="text-muted-foreground -mt-2 text-sm">{t('form.people_hint')}</p>
        <PeopleFields form={form} />
      </Section>

      <Section title={t('form.follow_up')}>
        <FormField
          id="incident-actions"
          label={t('form.immediate_actions')}
          hint={t('form.immediate_actions_hint')}
          error={errors.immediate_actions}
        >
          {(control) => (
            <Textarea
              {...control}
              {...form.register('immediate_actions')}
              rows={3}
              maxLength={4000}
            />
          )}
        </FormField>
        <PersonField
          control={form.control}
          name="assigned_to"
          id="incident-assignee"
          label={t('form.assigned_to')}
          error={errors.assigned_to}
        />
        {withPhotos ? (
          <div className="grid gap-1.5">
            <h3 className="text-sm font-medium">{t('form.photos')}</h3>
            <PhotoUploads
              uploads={photos}
              describedBy={photoError ? 'incident-photos-error' : undefined}
            />
            {photoError ? (
              <p
                id="incident-photos-error"
                role="alert"
                className="text-destructive text-xs font-medium"
              >
                {translateIfExists(photoError) ?? photoError}
              </p>
            ) : null}
          </div>
        ) : null}
      </Section>

      <div className="flex flex-wrap items-center justify-end gap-3">
        {photos.uploading ? (
          <p role="status" className="text-muted-foreground mr-auto text-sm">
            {t('form.uploading')}
          </p>
        ) : null}
        {cancel}
        {draftLabel ? (
          <Button
            type="button"
            variant="outline"
            disabled={busy}
            onClick={(event) => void send(true)(event)}
          >
            {draftLabel}
          </Button>
        ) : null}
        <Button type="submit" disabled={busy} pending={isSubmitting}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
