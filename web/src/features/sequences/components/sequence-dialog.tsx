import { useState } from 'react';
import type * as React from 'react';
import type { FieldError } from 'react-hook-form';
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
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import type { Sequence } from '../api/get-sequences';
import { PERIODS, sequenceChange, sequenceSchema, useUpdateSequence } from '../api/update-sequence';
import { periodKey, renderNumber } from '../lib/format';
import { sequenceLabel } from './sequence-label';

/** Edits a sequence's prefix, padding, period and next value, with a live preview. */
export function SequenceDialog({
  sequence,
  trigger,
}: {
  sequence: Sequence;
  trigger: React.ReactNode;
}) {
  const { t, i18n } = useTranslation('sequences');
  const { t: tc } = useTranslation();
  const [open, setOpen] = useState(false);
  const save = useUpdateSequence(sequence.code);
  const form = useZodForm(sequenceSchema(sequence), {
    values: {
      prefix: sequence.prefix,
      padding: sequence.padding,
      period: sequence.period,
      next_value: sequence.next_value,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const label = sequenceLabel(sequence, i18n.language);
  const watched = form.watch();
  const preview = renderNumber(
    watched.prefix || '…',
    periodKey(watched.period, sequence),
    Number.isFinite(watched.padding) ? watched.padding : sequence.padding,
    Number.isFinite(watched.next_value) ? watched.next_value : sequence.next_value,
  );
  // The one message with a value in it.
  const nextError: FieldError | undefined =
    errors.next_value?.message === 'sequences:errors.next_value_min'
      ? { ...errors.next_value, message: t('errors.next_value_min', { last: sequence.last_value }) }
      : errors.next_value;

  const onSubmit = form.handleSubmit(async (input) => {
    const change = sequenceChange(sequence, input);
    if (Object.keys(change).length === 0) {
      setOpen(false);
      return;
    }
    try {
      await save.mutateAsync(change);
      toast.success(t('dialog.saved', { label }));
      setOpen(false);
    } catch (error) {
      applyProblem(error, form.setError, ['prefix', 'padding', 'period', 'next_value']);
    }
  });

  const id = `sequence-${sequence.code.replaceAll('.', '-')}`;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) form.reset();
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('dialog.title', { label })}</DialogTitle>
          <DialogDescription>{t('dialog.description')}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              id={`${id}-prefix`}
              label={t('dialog.prefix')}
              hint={t('dialog.prefix_hint')}
              error={errors.prefix}
            >
              {(control) => (
                <Input
                  {...control}
                  {...form.register('prefix', {
                    setValueAs: (value: string) => value.toUpperCase(),
                  })}
                  className="font-mono uppercase"
                  autoComplete="off"
                  maxLength={12}
                />
              )}
            </FormField>
            <FormField
              id={`${id}-padding`}
              label={t('dialog.padding')}
              hint={t('dialog.padding_hint')}
              error={errors.padding}
            >
              {(control) => (
                <Input
                  {...control}
                  {...form.register('padding', { valueAsNumber: true })}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={12}
                />
              )}
            </FormField>
            <FormField id={`${id}-period`} label={t('dialog.period')} error={errors.period}>
              {(control) => (
                <NativeSelect {...control} {...form.register('period')}>
                  {PERIODS.map((period) => (
                    <option key={period} value={period}>
                      {t(`period.${period}`)}
                    </option>
                  ))}
                </NativeSelect>
              )}
            </FormField>
            <FormField
              id={`${id}-next`}
              label={t('dialog.next_value')}
              hint={
                watched.period === sequence.period && sequence.last_value > 0
                  ? t('dialog.next_value_hint', { last: sequence.last_value })
                  : undefined
              }
              error={nextError}
            >
              {(control) => (
                <Input
                  {...control}
                  {...form.register('next_value', { valueAsNumber: true })}
                  type="number"
                  inputMode="numeric"
                  min={1}
                />
              )}
            </FormField>
          </div>
          <div className="bg-muted/60 grid gap-1 rounded-md border px-4 py-3">
            <span className="text-muted-foreground text-xs" id={`${id}-preview`}>
              {t('dialog.preview')}
            </span>
            <output
              aria-labelledby={`${id}-preview`}
              aria-live="polite"
              className="font-mono text-lg font-semibold break-all"
            >
              {preview}
            </output>
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" pending={isSubmitting}>
              {tc('common.save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
