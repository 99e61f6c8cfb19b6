import { Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input, NativeSelect } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { applyProblem, type ProblemFields } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';
import { useFormat } from '@/lib/i18n/format';
import { isoToZonedInput } from '@/lib/zoned-time';

import { actionSchema, type ActionInput, blankAction, useRaiseAction } from '../api/raise-action';
import { ACTION_KINDS } from '../lib/actions';
import type { IncidentDetail } from '../lib/incident';
import { PersonField } from './person-field';
import { useStaleIncident } from './use-stale-incident';

const PROBLEM_FIELDS: ProblemFields<ActionInput> = [
  'kind',
  'title',
  'description',
  'owner_id',
  'due_date',
];

/** "Add action": a corrective or preventive action, its owner and due date. */
export function AddActionDialog({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation('hse');
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus aria-hidden />
          {t('actions.add')}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('actions.add_title', { number: incident.number })}</DialogTitle>
          <DialogDescription>{t('actions.add_description')}</DialogDescription>
        </DialogHeader>
        {open ? <AddActionForm incident={incident} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function AddActionForm({ incident, onDone }: { incident: IncidentDetail; onDone: () => void }) {
  const { t } = useTranslation('hse');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const today = isoToZonedInput(new Date().toISOString(), format.timeZone).slice(0, 10);
  const schema = useMemo(() => actionSchema(today), [today]);
  const form = useZodForm(schema, { defaultValues: blankAction() });
  const raise = useRaiseAction(incident.id);
  const stale = useStaleIncident(incident);
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    try {
      const action = await raise.mutateAsync(values);
      toast.success(t('actions.added', { number: action.number }));
      onDone();
    } catch (error) {
      if (await stale(error)) onDone();
      else applyProblem(error, form.setError, PROBLEM_FIELDS);
    }
  });
  return (
    <form className="grid gap-4" onSubmit={(event) => void submit(event)} noValidate>
      <FormField id="action-title" label={t('actions.title_label')} error={errors.title}>
        {(control) => <Input {...control} {...form.register('title')} maxLength={200} />}
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="action-kind" label={t('actions.kind')} error={errors.kind}>
          {(control) => (
            <NativeSelect {...control} {...form.register('kind')}>
              {ACTION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`actions.kinds.${kind}`)}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
        <FormField id="action-due" label={t('actions.due_label')} error={errors.due_date}>
          {(control) => (
            <Input {...control} {...form.register('due_date')} type="date" min={today} />
          )}
        </FormField>
      </div>
      <PersonField
        control={form.control}
        name="owner_id"
        id="action-owner"
        label={t('actions.owner')}
        error={errors.owner_id}
      />
      <FormField
        id="action-description"
        label={t('actions.description')}
        error={errors.description}
      >
        {(control) => (
          <Textarea {...control} {...form.register('description')} rows={3} maxLength={4000} />
        )}
      </FormField>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          {tc('common.cancel')}
        </Button>
        <Button type="submit" pending={isSubmitting}>
          {t('actions.add')}
        </Button>
      </DialogFooter>
    </form>
  );
}
