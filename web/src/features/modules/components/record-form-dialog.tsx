import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef } from 'react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { FormError } from '@/components/ui/form-field';
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
import type { Schemas } from '@/lib/api/client';
import { ApiProblem } from '@/lib/api/problem';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';
import { useFormat } from '@/lib/i18n/format';

import type { RecordType } from '../api/get-modules';
import { recordQueryOptions, type RecordDetail } from '../api/get-records';
import { useCreateRecord, useTransitionRecord, useUpdateRecord } from '../api/save-record';
import { labelOf } from '../lib/labels';
import { applyRecordProblem } from '../lib/record-problem';
import {
  changedData,
  createdData,
  formFields,
  initialValues,
  recordSchema,
} from '../lib/record-schema';
import { RecordFieldInput } from './record-field-input';

export type FormMode =
  | { kind: 'create' }
  | { kind: 'edit'; record: RecordDetail }
  /** A transition refused for missing fields: fill them in, save, then move. */
  | {
      kind: 'complete';
      record: RecordDetail;
      transition: Schemas['TransitionOut'];
      problem: unknown;
    };

type FormProps = {
  module: string;
  recordType: RecordType;
  mode: FormMode;
  onDone: (saved?: RecordDetail) => void;
};

/** The fields a state needs, which its transition's form asks for. */
function stateRequires(recordType: RecordType, state: string) {
  return recordType.workflow?.states.find((s) => s.code === state)?.required_fields ?? [];
}

/** A record's title in dialogs: its number and its title. */
export function recordName(record: Pick<RecordDetail, 'number' | 'title'>) {
  return [record.number, record.title].filter(Boolean).join(' · ');
}

function RecordForm({ module, recordType, mode, onDone }: FormProps) {
  const { t, i18n } = useTranslation('modules');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const formId = useId();
  const create = useCreateRecord(module, recordType.code);
  const update = useUpdateRecord(module, recordType.code);
  const move = useTransitionRecord(module, recordType.code);
  const record = mode.kind === 'create' ? null : mode.record;
  const target = mode.kind === 'complete' ? mode.transition.to : null;
  const stateLabel = (code: string) =>
    labelOf(recordType.workflow?.states.find((s) => s.code === code)?.label, i18n.language) || code;

  const require = useMemo(
    () => (target ? stateRequires(recordType, target) : []),
    [recordType, target],
  );
  const schema = useMemo(
    () =>
      recordSchema(recordType, {
        t: (key, values) => t(key as 'errors.required', values as Record<string, string>),
        zone: format.timeZone,
        require,
      }),
    // The messages follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [recordType, format.timeZone, require, i18n.language],
  );
  const form = useZodForm(schema, {
    defaultValues: initialValues(recordType, format.timeZone, record?.data),
  });
  const { errors, isSubmitting } = form.formState;

  // The server's refusal that opened this form: its fields, highlighted.
  const shown = useRef(false);
  useEffect(() => {
    if (mode.kind !== 'complete' || shown.current) return;
    shown.current = true;
    applyRecordProblem(mode.problem, form.setError, recordType);
  }, [mode, form.setError, recordType]);

  const refused = (error: unknown) => {
    if (error instanceof ApiProblem && error.status === 412) {
      toast.error(t('form.stale'));
      if (record) {
        void queryClient.invalidateQueries({
          queryKey: recordQueryOptions(module, recordType.code, record.id).queryKey,
        });
      }
      onDone();
      return;
    }
    if (error instanceof ApiProblem && error.code === 'record_locked') {
      toast.error(t('form.locked'));
      return;
    }
    const placed = applyRecordProblem(error, form.setError, recordType);
    if (placed.length === 0) toast.error(problemMessage(error));
  };

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      if (mode.kind === 'create') {
        const saved = await create.mutateAsync(createdData(recordType, values));
        toast.success(t('form.created', { title: recordName(saved) }));
        onDone(saved);
        return;
      }
      const current = mode.record;
      const change = changedData(recordType, current.data, values);
      let saved = current;
      if (Object.keys(change).length > 0) {
        saved = await update.mutateAsync({
          id: current.id,
          revision: current.revision,
          data: change,
        });
      } else if (mode.kind === 'edit') {
        toast.info(t('form.nothing_changed'));
        onDone();
        return;
      }
      if (mode.kind === 'complete') {
        saved = await move.mutateAsync({
          id: saved.id,
          transition: mode.transition.code,
          revision: saved.revision,
        });
        toast.success(
          t('detail.transitioned', {
            title: recordName(saved),
            state: stateLabel(mode.transition.to),
          }),
        );
      } else {
        toast.success(t('form.saved', { title: recordName(saved) }));
      }
      onDone(saved);
    } catch (error) {
      refused(error);
    }
  });

  const fields = formFields(recordType);
  const label = labelOf(recordType.label, i18n.language);
  return (
    <>
      <DialogHeader>
        <DialogTitle>
          {mode.kind === 'create'
            ? t('form.create_title', { label })
            : mode.kind === 'edit'
              ? t('form.edit_title', { title: recordName(mode.record) })
              : t('form.complete_title', {
                  transition: labelOf(mode.transition.label, i18n.language),
                  title: recordName(mode.record),
                })}
        </DialogTitle>
        <DialogDescription>
          {mode.kind === 'complete'
            ? t('form.complete_description', { state: stateLabel(mode.transition.to) })
            : t('form.description')}
        </DialogDescription>
      </DialogHeader>
      <form className="grid gap-4" onSubmit={onSubmit} noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          {fields.map((field) => (
            <RecordFieldInput
              key={field.code}
              module={module}
              field={field}
              id={`${formId}-${field.code}`}
              required={field.required || require.includes(field.code)}
              error={errors[field.code]}
              control={form.control}
              register={form.register}
            />
          ))}
        </div>
        <FormError message={errors.root?.message} />
        <DialogFooter>
          <Button type="button" variant="outline" onClick={() => onDone()}>
            {tc('common.cancel')}
          </Button>
          <Button type="submit" pending={isSubmitting}>
            {mode.kind === 'complete'
              ? t('form.save_and_move', { state: stateLabel(mode.transition.to) })
              : tc('common.save')}
          </Button>
        </DialogFooter>
      </form>
    </>
  );
}

/**
 * A record's form in a dialog, drawn from its type: create, edit (only what changed is
 * sent, against the revision read), or fill in what a transition needs and move.
 * Each value is checked as the server will before sending; the server's own refusals
 * land under their fields too.
 */
export function RecordFormDialog({
  module,
  recordType,
  mode,
  open,
  onOpenChange,
  onSaved,
  trigger,
}: {
  module: string;
  recordType: RecordType;
  mode: FormMode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved?: (saved: RecordDetail) => void;
  trigger?: React.ReactNode;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogContent className="sm:max-w-2xl">
        {open ? (
          <RecordForm
            module={module}
            recordType={recordType}
            mode={mode}
            onDone={(saved) => {
              onOpenChange(false);
              if (saved) onSaved?.(saved);
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
