import { KeyRound, MessageSquareText, Smartphone } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Tabs, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { ApiProblem } from '@/lib/api/problem';
import { applyProblem, problemMessage } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import type { MfaChallenge } from '../api/sign-in';
import { useSendMfaSms } from '../api/send-mfa-sms';
import { useVerifyMfa, verifyMfaSchema, type MfaMethod } from '../api/verify-mfa';

const METHOD_ICONS = { totp: Smartphone, sms: MessageSquareText, recovery: KeyRound } as const;

function availableMethods(challenge: MfaChallenge): MfaMethod[] {
  const known: MfaMethod[] = ['totp', 'sms', 'recovery'];
  return known.filter((method) => challenge.methods.includes(method));
}

/** The second factor: authenticator code, SMS code (with resend) or a recovery code. */
export function MfaStep({
  challenge,
  onVerified,
  onRestart,
}: {
  challenge: MfaChallenge;
  onVerified: () => Promise<void>;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const methods = availableMethods(challenge);
  const verify = useVerifyMfa(challenge.mfa_token);
  const sendSms = useSendMfaSms(challenge.mfa_token);
  const smsSent = useRef(false);
  const form = useZodForm(verifyMfaSchema, {
    defaultValues: { method: methods[0] ?? 'totp', code: '', trust_device: false },
  });
  const method = form.watch('method');
  const { errors } = form.formState;

  const send = async () => {
    try {
      await sendSms.mutateAsync();
      toast.success(t('auth.mfa.sms_sent'));
    } catch (error) {
      toast.error(problemMessage(error));
    }
  };

  // The SMS goes out when the user picks that method, not before (3 sends per attempt).
  useEffect(() => {
    if (method === 'sms' && !smsSent.current) {
      smsSent.current = true;
      void send();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per switch to SMS
  }, [method]);

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      await verify.mutateAsync(input);
      await onVerified();
    } catch (error) {
      // The attempt is over (expired, or too many wrong codes): start again.
      if (error instanceof ApiProblem && error.code === 'mfa_token_invalid') {
        toast.error(problemMessage(error));
        onRestart();
        return;
      }
      applyProblem(error, form.setError, ['code']);
      form.setFocus('code');
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle level={1}>{t('auth.mfa.title')}</CardTitle>
        <CardDescription>{t(`auth.mfa.describe.${method}`)}</CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          {methods.length > 1 ? (
            <Tabs
              value={method}
              onValueChange={(value) => {
                form.setValue('method', value as MfaMethod);
                form.resetField('code');
                form.setFocus('code');
              }}
            >
              <TabsList aria-label={t('auth.mfa.method')} className="w-full">
                {methods.map((m) => {
                  const Icon = METHOD_ICONS[m];
                  return (
                    <TabsTrigger key={m} value={m} className="flex-1">
                      <Icon aria-hidden />
                      {t(`auth.mfa.methods.${m}`)}
                    </TabsTrigger>
                  );
                })}
              </TabsList>
            </Tabs>
          ) : null}
          <FormField
            id="mfa-code"
            label={t(method === 'recovery' ? 'auth.mfa.recovery_label' : 'auth.mfa.code_label')}
            error={errors.code}
          >
            {(control) => (
              <Input
                {...control}
                {...form.register('code')}
                autoComplete="one-time-code"
                inputMode={method === 'recovery' ? 'text' : 'numeric'}
                placeholder={method === 'recovery' ? 'xxxx-xxxx' : '123456'}
                maxLength={method === 'recovery' ? 9 : 6}
                className="font-mono tracking-widest"
                autoFocus
              />
            )}
          </FormField>
          {method === 'sms' ? (
            <Button
              type="button"
              variant="link"
              className="h-auto justify-self-start p-0"
              pending={sendSms.isPending}
              onClick={() => void send()}
            >
              {t('auth.mfa.resend')}
            </Button>
          ) : null}
          <div className="flex items-start gap-2">
            <Checkbox
              id="trust-device"
              checked={form.watch('trust_device')}
              onCheckedChange={(checked) => form.setValue('trust_device', checked === true)}
            />
            <div className="grid gap-1">
              <Label htmlFor="trust-device">{t('auth.mfa.trust_device')}</Label>
              <p className="text-muted-foreground text-xs">{t('auth.mfa.trust_device_hint')}</p>
            </div>
          </div>
          <Button type="submit" pending={form.formState.isSubmitting}>
            {t('auth.mfa.submit')}
          </Button>
          <Button type="button" variant="ghost" onClick={onRestart}>
            {t('auth.mfa.back')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
