import type { UseMutationResult } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { PublicLayout } from '@/components/layout/public-layout';
import { PasswordChecklist } from '@/components/password-checklist';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { ApiProblem } from '@/lib/api/problem';
import { applyProblem, problemMessage } from '@/lib/forms/apply-problem';
import { newPasswordSchema, type NewPasswordInput } from '@/lib/forms/password-policy';
import { useZodForm } from '@/lib/forms/use-zod-form';

import { useAcceptInvitation } from '../api/accept-invitation';
import { useResetPassword } from '../api/reset-password';

type Purpose = 'reset' | 'invitation';

/** "Choose a password" from an emailed link: a password reset or an invitation. */
export function NewPasswordPage({ purpose, token }: { purpose: Purpose; token: string }) {
  const { t } = useTranslation();
  return (
    <PublicLayout>
      <Card>
        <CardHeader>
          <CardTitle level={1}>{t(`auth.${purpose}.title`)}</CardTitle>
          <CardDescription>{t(`auth.${purpose}.description`)}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {!token ? (
            <Alert variant="destructive">
              <p>{t(`auth.${purpose}.missing_token`)}</p>
            </Alert>
          ) : purpose === 'reset' ? (
            <ResetForm token={token} />
          ) : (
            <InvitationForm token={token} />
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

function ResetForm({ token }: { token: string }) {
  return (
    <ChoosePasswordForm
      purpose="reset"
      apiField="new_password"
      mutation={useResetPassword(token)}
    />
  );
}

function InvitationForm({ token }: { token: string }) {
  return (
    <ChoosePasswordForm
      purpose="invitation"
      apiField="password"
      mutation={useAcceptInvitation(token)}
    />
  );
}

function ChoosePasswordForm({
  purpose,
  apiField,
  mutation,
}: {
  purpose: Purpose;
  /** Where the API puts the policy's refusal in `errors[]`. */
  apiField: string;
  mutation: UseMutationResult<void, Error, NewPasswordInput>;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useZodForm(newPasswordSchema, { defaultValues: { password: '', confirm: '' } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      await mutation.mutateAsync(input);
      toast.success(t(`auth.${purpose}.done`));
      await navigate({ to: '/sign-in' });
    } catch (error) {
      // A used or expired link cannot be fixed by retyping: say so rather than blame a field.
      if (error instanceof ApiProblem && error.status === 400) {
        toast.error(t(`auth.${purpose}.invalid_token`));
      } else if (error instanceof ApiProblem && error.status === 422) {
        applyProblem(error, form.setError, { [apiField]: 'password' });
      } else {
        toast.error(problemMessage(error));
      }
    }
  });

  return (
    <form className="grid gap-4" onSubmit={onSubmit} noValidate>
      <FormField
        id="new-password"
        label={t('auth.fields.new_password')}
        error={errors.password}
        hint={<PasswordChecklist password={form.watch('password')} />}
      >
        {(control) => (
          <Input
            {...control}
            {...form.register('password')}
            type="password"
            autoComplete="new-password"
            autoFocus
          />
        )}
      </FormField>
      <FormField id="confirm" label={t('auth.fields.confirm_password')} error={errors.confirm}>
        {(control) => (
          <Input
            {...control}
            {...form.register('confirm')}
            type="password"
            autoComplete="new-password"
          />
        )}
      </FormField>
      <Button type="submit" pending={form.formState.isSubmitting}>
        {t(`auth.${purpose}.submit`)}
      </Button>
    </form>
  );
}
