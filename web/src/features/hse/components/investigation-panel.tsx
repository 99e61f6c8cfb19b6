import { ClipboardPen, Pencil } from 'lucide-react';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { UserName } from '@/components/people/user-name';
import { UsersPicker } from '@/components/people/users-picker';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { useMe } from '@/lib/auth/me';
import { applyProblem, type ProblemFields } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';
import { useFormat } from '@/lib/i18n/format';

import {
  INVESTIGATION_METHODS,
  INVESTIGATION_TEXTS,
  type InvestigationInput,
  investigationSchema,
  investigationValues,
  isBlankInvestigation,
  useSaveInvestigation,
} from '../api/save-investigation';
import { type IncidentDetail, mayInvestigate } from '../lib/incident';
import { Fact } from './detail-card';
import { usePersonWords } from './person-field';
import { useStaleIncident } from './use-stale-incident';

/** A list's own error (too few, too many) as a field error. */
const listError = (message: string | undefined) =>
  message ? { type: 'list', message } : undefined;

const PROBLEM_FIELDS: ProblemFields<InvestigationInput> = [
  'method',
  ...INVESTIGATION_TEXTS,
  'investigators',
];

function InvestigationView({ investigation }: { investigation: IncidentDetail['investigation'] }) {
  const { t } = useTranslation('hse');
  const format = useFormat();
  if (!investigation) {
    return <p className="text-muted-foreground text-sm">{t('investigation.none')}</p>;
  }
  return (
    <dl className="grid gap-4 sm:grid-cols-2">
      <Fact label={t('investigation.method')}>
        {t(`investigation.methods.${investigation.method}`)}
      </Fact>
      <Fact label={t('investigation.investigators')}>
        <ul className="grid gap-0.5">
          {investigation.investigators.map((id) => (
            <li key={id}>
              <UserName id={id} />
            </li>
          ))}
        </ul>
      </Fact>
      {INVESTIGATION_TEXTS.map((name) => (
        <Fact key={name} label={t(`investigation.${name}`)} className="sm:col-span-2">
          <span className="whitespace-pre-line">{investigation[name] || '—'}</span>
        </Fact>
      ))}
      <Fact label={t('investigation.started_at')}>{format.dateTime(investigation.started_at)}</Fact>
      {investigation.completed_at ? (
        <Fact label={t('investigation.completed_at')}>
          {format.dateTime(investigation.completed_at)}
        </Fact>
      ) : null}
    </dl>
  );
}

function InvestigationForm({ incident, onDone }: { incident: IncidentDetail; onDone: () => void }) {
  const { t } = useTranslation('hse');
  const { t: tc } = useTranslation();
  const me = useMe();
  const words = usePersonWords();
  const save = useSaveInvestigation(incident);
  const stale = useStaleIncident(incident);
  const form = useZodForm(investigationSchema, {
    defaultValues: investigationValues(incident.investigation, me.user.id),
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      toast.success(t('investigation.saved'));
      onDone();
    } catch (error) {
      if (!(await stale(error))) applyProblem(error, form.setError, PROBLEM_FIELDS);
    }
  });
  return (
    <form className="grid gap-4" onSubmit={(event) => void submit(event)} noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          id="investigation-method"
          label={t('investigation.method')}
          error={errors.method}
        >
          {(control) => (
            <NativeSelect {...control} {...form.register('method')}>
              {INVESTIGATION_METHODS.map((method) => (
                <option key={method} value={method}>
                  {t(`investigation.methods.${method}`)}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField
          id="investigation-investigators"
          label={`${t('investigation.investigators')} *`}
          error={errors.investigators?.root ?? listError(errors.investigators?.message)}
        >
          {(control) => (
            <Controller
              control={form.control}
              name="investigators"
              render={({ field }) => (
                <UsersPicker
                  {...control}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  words={words}
                />
              )}
            />
          )}
        </FormField>
      </div>
      {INVESTIGATION_TEXTS.map((name) => (
        <FormField
          key={name}
          id={`investigation-${name}`}
          label={t(`investigation.${name}`)}
          hint={t(`investigation.hints.${name}`)}
          error={errors[name]}
        >
          {(control) => (
            <Textarea {...control} {...form.register(name)} rows={3} maxLength={10000} />
          )}
        </FormField>
      ))}
      <div className="flex flex-wrap justify-end gap-2">
        {incident.investigation ? (
          <Button type="button" variant="outline" onClick={onDone}>
            {tc('common.cancel')}
          </Button>
        ) : null}
        <Button type="submit" pending={isSubmitting}>
          {t('investigation.save')}
        </Button>
      </div>
    </form>
  );
}

/** Where "Fill in the investigation" leads: the investigation's card. */
export const INVESTIGATION_ID = 'investigation';

/** Focuses the investigation's form (or its button, when folded), which scrolls to it. */
export function goToInvestigation() {
  const target =
    document.getElementById('investigation-method') ??
    document.getElementById('investigation-write');
  target?.focus();
}

/**
 * The incident's investigation: read, and written by those the API lets write it while
 * the incident is under investigation. Starting one opens it blank (no causes nor
 * findings yet): then it opens as a form for them.
 */
export function InvestigationPanel({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation('hse');
  const writable = mayInvestigate(incident);
  const blank = isBlankInvestigation(incident.investigation);
  const [editing, setEditing] = useState(writable && blank);
  if (writable && editing) {
    return (
      <div className="grid gap-4">
        {blank ? (
          <p className="text-muted-foreground text-sm">{t('investigation.start_hint')}</p>
        ) : null}
        <InvestigationForm incident={incident} onDone={() => setEditing(false)} />
      </div>
    );
  }
  return (
    <div className="grid gap-3">
      <InvestigationView investigation={incident.investigation} />
      {writable ? (
        <div>
          <Button
            id="investigation-write"
            variant={blank ? 'default' : 'outline'}
            size="sm"
            onClick={() => setEditing(true)}
          >
            {blank ? <ClipboardPen aria-hidden /> : <Pencil aria-hidden />}
            {blank ? t('investigation.write') : t('investigation.edit')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
