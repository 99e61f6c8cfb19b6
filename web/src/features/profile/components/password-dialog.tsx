import { useTranslation } from 'react-i18next';

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
import { Input } from '@/components/ui/input';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import { passwordSchema, type PasswordInput } from '../api/regenerate-recovery-codes';

/** Asks the password again before a sensitive change (the API checks it). */
export function PasswordDialog({
  open,
  onOpenChange,
  title,
  description,
  submitLabel,
  destructive = false,
  onSubmit,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  submitLabel: string;
  destructive?: boolean;
  onSubmit: (input: PasswordInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useZodForm(passwordSchema, { defaultValues: { password: '' } });
  const submit = form.handleSubmit(async (input) => {
    try {
      await onSubmit(input);
      form.reset();
      onOpenChange(false);
    } catch (error) {
      applyProblem(error, form.setError, ['password']);
    }
  });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) form.reset();
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <form className="grid gap-4" onSubmit={submit} noValidate>
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          <FormField
            id="confirm-with-password"
            label={t('auth.fields.password')}
            error={form.formState.errors.password}
          >
            {(control) => (
              <Input
                {...control}
                {...form.register('password')}
                type="password"
                autoComplete="current-password"
                autoFocus
              />
            )}
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              variant={destructive ? 'destructive' : 'default'}
              pending={form.formState.isSubmitting}
            >
              {submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
