import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { PublicLayout } from '@/components/layout/public-layout';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { safeRedirect } from '@/lib/auth/ensure-session';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import { signInSchema, useSignIn, type MfaChallenge } from '../api/sign-in';
import { MfaStep } from './mfa-step';

/** Email + password; then, when the account has one, the second-factor step. */
export function SignInPage({ redirect }: { redirect?: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  const signIn = useSignIn();
  const form = useZodForm(signInSchema, { defaultValues: { email: '', password: '' } });
  const { errors } = form.formState;

  const enterApp = async () => {
    queryClient.clear();
    await navigate({ to: safeRedirect(redirect) });
  };

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      const next = await signIn.mutateAsync(input);
      if (next) setChallenge(next);
      else await enterApp();
    } catch (error) {
      applyProblem(error, form.setError, ['email', 'password']);
    }
  });

  if (challenge) {
    return (
      <PublicLayout>
        <MfaStep
          challenge={challenge}
          onVerified={enterApp}
          onRestart={() => {
            setChallenge(null);
            form.resetField('password');
          }}
        />
      </PublicLayout>
    );
  }

  return (
    <PublicLayout>
      <Card>
        <CardHeader>
          <CardTitle level={1}>{t('auth.sign_in.title')}</CardTitle>
          <CardDescription>{t('auth.sign_in.description')}</CardDescription>
        </CardHeader>
        <CardContent>
          <form className="grid gap-4" onSubmit={onSubmit} noValidate>
            <FormField id="email" label={t('auth.fields.email')} error={errors.email}>
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
            <FormField id="password" label={t('auth.fields.password')} error={errors.password}>
              {(control) => (
                <Input
                  {...control}
                  {...form.register('password')}
                  type="password"
                  autoComplete="current-password"
                />
              )}
            </FormField>
            <Button type="submit" pending={form.formState.isSubmitting}>
              {t('auth.sign_in.submit')}
            </Button>
            <Link
              to="/forgot-password"
              className="text-primary justify-self-center text-sm underline-offset-4 hover:underline"
            >
              {t('auth.sign_in.forgot')}
            </Link>
          </form>
        </CardContent>
      </Card>
    </PublicLayout>
  );
}
