import { Link } from '@tanstack/react-router';
import { MailCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { PublicLayout } from '@/components/layout/public-layout';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import { forgotPasswordSchema, useForgotPassword } from '../api/forgot-password';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const forgot = useForgotPassword();
  const form = useZodForm(forgotPasswordSchema, { defaultValues: { email: '' } });

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      await forgot.mutateAsync(input);
    } catch (error) {
      applyProblem(error, form.setError, ['email']);
    }
  });

  return (
    <PublicLayout>
      <Card>
        <CardHeader>
          <CardTitle level={1}>{t('auth.forgot.title')}</CardTitle>
          <CardDescription>{t('auth.forgot.description')}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {forgot.isSuccess ? (
            <Alert variant="info">
              <MailCheck aria-hidden />
              <p>{t('auth.forgot.sent', { email: forgot.variables.email })}</p>
            </Alert>
          ) : (
            <form className="grid gap-4" onSubmit={onSubmit} noValidate>
              <FormField
                id="email"
                label={t('auth.fields.email')}
                error={form.formState.errors.email}
              >
                {(control) => (
                  <Input
                    {...control}
                    {...form.register('email')}
                    type="email"
                    autoComplete="username"
                    autoFocus
                  />
                )}
              </FormField>
              <Button type="submit" pending={form.formState.isSubmitting}>
                {t('auth.forgot.submit')}
              </Button>
            </form>
          )}
          <Link
            to="/sign-in"
            className="text-primary justify-self-center text-sm underline-offset-4 hover:underline"
          >
            {t('auth.back_to_sign_in')}
          </Link>
        </CardContent>
      </Card>
    </PublicLayout>
  );
}
