import { useMemo } from 'react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';

import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Textarea } from '@/components/ui/textarea';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import { MIN_REASON } from '../lib/actions';

/** A reason or note: required (at least 10 characters, as the API says) or optional. */
export const noteSchema = (required: boolean) =>
  z.object({
    note: required
      ? z.string().trim().min(MIN_REASON, 'hse:errors.reason_min').max(2000, 'hse:errors.note_max')
      : z.string().trim().max(2000, 'hse:errors.note_max'),
  });

type NoteDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  /** The text field's label: "Reason", "Note". */
  label: string;
  confirmLabel: string;
  required: boolean;
  destructive?: boolean;
  /** Held back while something else is under way (photos being sent). */
  busy?: boolean;
  onSubmit: (note: string) => Promise<unknown>;
  /** An error the caller deals with itself (the page was out of date): true closes the dialog. */
  onError?: (error: unknown) => Promise<boolean> | boolean;
  /** More of the form below the note (evidence photos). */
  children?: React.ReactNode;
};

/**
 * Confirms a workflow move with a reason or note: required to reject, reopen or cancel
 * (10 characters or more), optional otherwise and kept on the record's history.
 */
export function NoteDialog(props: NoteDialogProps) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogDescription>{props.description}</DialogDescription>
        </DialogHeader>
        {/* Mounted while open only: each opening starts blank. */}
        {props.open ? <NoteForm {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function NoteForm({
  onOpenChange,
  label,
  confirmLabel,
  required,
  destructive,
  busy,
  onSubmit,
  onError,
  children,
}: NoteDialogProps) {
  const { t } = useTranslation();
  const { t: th } = useTranslation('hse');
  const schema = useMemo(() => noteSchema(required), [required]);
  const form = useZodForm(schema, { defaultValues: { note: '' } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async ({ note }) => {
    try {
      await onSubmit(note);
      onOpenChange(false);
    } catch (error) {
      if (await onError?.(error)) {
        onOpenChange(false);
        return;
      }
      applyProblem(error, form.setError, { note: 'note', reason: 'note' });
    }
  });
  return (
    <form className="grid gap-4" onSubmit={(event) => void submit(event)} noValidate>
      <FormField
        id="move-note"
        label={required ? `${label} *` : label}
        hint={required ? th('workflow.reason_required') : th('workflow.reason_optional')}
        error={errors.note}
      >
        {(control) => (
          <Textarea {...control} {...form.register('note')} rows={4} maxLength={2000} />
        )}
      </FormField>
      {children}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
          {t('common.cancel')}
        </Button>
        <Button
          type="submit"
          variant={destructive ? 'destructive' : 'default'}
          disabled={busy}
          pending={isSubmitting}
        >
          {confirmLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
