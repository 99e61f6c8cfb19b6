import { MessageSquareText } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { useMe } from '@/lib/auth/me';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import { useConfirmSms } from '../api/confirm-sms';
import { codeSchema } from '../api/confirm-totp';
import { useDisableSms } from '../api/disable-sms';
import { phoneSchema, useEnrollSms } from '../api/enroll-sms';
import { PasswordDialog } from './password-dialog';
import { RecoveryCodesDialog } from './recovery-codes-dialog';

/** SMS as a second factor: phone number, code received, removal. */
export function SmsCard() {
  const { t } = useTranslation();
  const { user } = useMe();
  const enroll = useEnrollSms();
  const confirm = useConfirmSms();
  const disable = useDisableSms();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [disabling, setDisabling] = useState(false);
  const phoneForm = useZodForm(phoneSchema, { defaultValues: { phone: '' } });
  const codeForm = useZodForm(codeSchema, { defaultValues: { code: '' } });
  const enabled = user.mfa.sms;

  const sendCode = phoneForm.handleSubmit(async (input) => {
    try {
      await enroll.mutateAsync(input);
      toast.success(t('profile.sms.code_sent', { phone: input.phone }));
    } catch (error) {
      applyProblem(error, phoneForm.setError, ['phone']);
    }
  });

  const confirmCode = codeForm.handleSubmit(async (input) => {
    try {
      const out = await confirm.mutateAsync(input);
      enroll.reset();
      codeForm.reset();
      toast.success(t('profile.sms.enabled'));
      if (out.recovery_codes?.length) setCodes(out.recovery_codes);
    } catch (error) {
      applyProblem(error, codeForm.setError, ['code']);
    }
  });

  return (
    <Card>
      <CardHeader>
        <div className="flex items-center justify-between gap-2">
          <CardTitle className="flex items-center gap-2">
            <MessageSquareText className="text-primary size-5" aria-hidden />
            {t('profile.sms.title')}
          </CardTitle>
          <Badge variant={enabled ? 'success' : 'secondary'}>
            {enabled ? t('common.enabled') : t('common.disabled')}
          </Badge>
        </div>
        <CardDescription>{t('profile.sms.description')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {enabled ? (
          <>
            <p className="text-sm">{t('profile.sms.phone_is', { phone: user.phone ?? '' })}</p>
            <Button
              variant="outline"
              className="justify-self-start"
              onClick={() => setDisabling(true)}
            >
              {t('profile.sms.disable')}
            </Button>
          </>
        ) : enroll.isSuccess ? (
          <form className="grid gap-4" onSubmit={confirmCode} noValidate>
            <p className="text-sm">
              {t('profile.sms.enter_code', { phone: enroll.variables.phone })}
            </p>
            <FormField
              id="sms-code"
              label={t('auth.mfa.code_label')}
              error={codeForm.formState.errors.code}
            >
              {(control) => (
                <Input
                  {...control}
                  {...codeForm.register('code')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  className="max-w-40 font-mono tracking-widest"
                  autoFocus
                />
              )}
            </FormField>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" pending={codeForm.formState.isSubmitting}>
                {t('profile.sms.confirm')}
              </Button>
              <Button type="button" variant="ghost" onClick={() => enroll.reset()}>
                {t('profile.sms.change_phone')}
              </Button>
            </div>
          </form>
        ) : (
          <form className="grid gap-4" onSubmit={sendCode} noValidate>
            <FormField
              id="sms-phone"
              label={t('profile.sms.phone')}
              hint={t('profile.sms.phone_hint')}
              error={phoneForm.formState.errors.phone}
            >
              {(control) => (
                <Input
                  {...control}
                  {...phoneForm.register('phone')}
                  type="tel"
                  autoComplete="tel"
                  placeholder="+33612345678"
                />
              )}
            </FormField>
            <Button
              type="submit"
              className="justify-self-start"
              pending={phoneForm.formState.isSubmitting}
            >
              {t('profile.sms.send_code')}
            </Button>
          </form>
        )}
      </CardContent>
      <PasswordDialog
        open={disabling}
        onOpenChange={setDisabling}
        title={t('profile.sms.disable')}
        description={t('profile.sms.disable_hint')}
        submitLabel={t('profile.sms.disable')}
        destructive
        onSubmit={async (input) => {
          await disable.mutateAsync(input);
          toast.success(t('profile.sms.disabled'));
        }}
      />
      <RecoveryCodesDialog codes={codes} onClose={() => setCodes(null)} />
    </Card>
  );
}
