import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { PasswordChecklist } from '@/components/password-checklist';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { useMe } from '@/lib/auth/me';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import { changePasswordSchema, useChangePassword } from '../api/change-password';

export function ChangePasswordCard() {
  const { t } = useTranslation();
  const { user } = useMe();
  const change = useChangePassword();
  const form = useZodForm(changePasswordSchema, {
    defaultValues: { current_password: '', new_password: '', confirm: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      await change.mutateAsync(input);
      form.reset();
      toast.success(t('profile.password.done'));
    } catch (error) {
      applyProblem(error, form.setError, ['current_password', 'new_password']);
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('profile.password.title')}</CardTitle>
        <CardDescription>{t('profile.password.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          {/* Lets password managers pair the new password with the account. */}
          <input type="email" value={user.email} autoComplete="username" readOnly hidden />
          <FormField
            id="current-password"
            label={t('profile.password.current')}
            error={errors.current_password}
          >
            {(control) => (
              <Input
                {...control}
                {...form.register('current_password')}
                type="password"
                autoComplete="current-password"
              />
            )}
          </FormField>
          <FormField
            id="new-password"
            label={t('auth.fields.new_password')}
            error={errors.new_password}
            hint={<PasswordChecklist password={form.watch('new_password')} email={user.email} />}
          >
            {(control) => (
              <Input
                {...control}
                {...form.register('new_password')}
                type="password"
                autoComplete="new-password"
              />
            )}
          </FormField>
          <FormField
            id="confirm-password"
            label={t('auth.fields.confirm_password')}
            error={errors.confirm}
          >
            {(control) => (
              <Input
                {...control}
                {...form.register('confirm')}
                type="password"
                autoComplete="new-password"
              />
            )}
          </FormField>
          <Button type="submit" className="justify-self-start" pending={isSubmitting}>
            {t('profile.password.submit')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
