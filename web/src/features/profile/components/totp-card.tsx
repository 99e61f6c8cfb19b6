import { Smartphone } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
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
import { useMe } from '@/lib/auth/me';
import { applyProblem, problemMessage } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import { codeSchema, useConfirmTotp } from '../api/confirm-totp';
import { disableTotpSchema, useDisableTotp } from '../api/disable-totp';
import { useEnrollTotp } from '../api/enroll-totp';
import { useRegenerateRecoveryCodes } from '../api/regenerate-recovery-codes';
import { PasswordDialog } from './password-dialog';
import { RecoveryCodesDialog } from './recovery-codes-dialog';

/** The authenticator app: set up (QR code + first code), recovery codes, removal. */
export function TotpCard() {
  const { t } = useTranslation();
  const { user } = useMe();
  const enroll = useEnrollTotp();
  const regenerate = useRegenerateRecoveryCodes();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [regenerating, setRegenerating] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const enabled = user.mfa.totp;

  const start = () =>
    enroll.mutate(undefined, { onError: (error) => toast.error(problemMessage(error)) });

  return (
    <Card>
      <CardHeader>
        <div className="flex items-center justify-between gap-2">
          <CardTitle className="flex items-center gap-2">
            <Smartphone className="text-primary size-5" aria-hidden />
            {t('profile.totp.title')}
          </CardTitle>
          <Badge variant={enabled ? 'success' : 'secondary'}>
            {enabled ? t('common.enabled') : t('common.disabled')}
          </Badge>
        </div>
        <CardDescription>{t('profile.totp.description')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {enabled ? (
          <>
            {user.mfa.recovery_codes_left != null ? (
              <p className="text-sm">
                {t('profile.recovery.left', { count: user.mfa.recovery_codes_left })}
              </p>
            ) : null}
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" onClick={() => setRegenerating(true)}>
                {t('profile.recovery.regenerate')}
              </Button>
              <Button variant="outline" onClick={() => setDisabling(true)}>
                {t('profile.totp.disable')}
              </Button>
            </div>
          </>
        ) : enroll.data ? (
          <TotpSetup
            enrolment={enroll.data}
            onConfirmed={(recovery) => {
              enroll.reset();
              setCodes(recovery);
              toast.success(t('profile.totp.enabled'));
            }}
            onCancel={() => enroll.reset()}
          />
        ) : (
          <Button className="justify-self-start" onClick={start} pending={enroll.isPending}>
            {t('profile.totp.setup')}
          </Button>
        )}
      </CardContent>
      <PasswordDialog
        open={regenerating}
        onOpenChange={setRegenerating}
        title={t('profile.recovery.regenerate')}
        description={t('profile.recovery.regenerate_hint')}
        submitLabel={t('profile.recovery.regenerate')}
        onSubmit={async (input) => {
          setCodes((await regenerate.mutateAsync(input)).recovery_codes);
        }}
      />
      <DisableTotpDialog open={disabling} onOpenChange={setDisabling} />
      <RecoveryCodesDialog codes={codes} onClose={() => setCodes(null)} />
    </Card>
  );
}

function TotpSetup({
  enrolment,
  onConfirmed,
  onCancel,
}: {
  enrolment: { secret: string; qr_png_base64: string; otpauth_uri: string };
  onConfirmed: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const confirm = useConfirmTotp();
  const form = useZodForm(codeSchema, { defaultValues: { code: '' } });
  const onSubmit = form.handleSubmit(async (input) => {
    try {
      onConfirmed((await confirm.mutateAsync(input)).recovery_codes);
    } catch (error) {
      applyProblem(error, form.setError, ['code']);
    }
  });
  return (
    <form className="grid gap-4" onSubmit={onSubmit} noValidate>
      <ol className="grid list-decimal gap-1 pl-5 text-sm">
        <li>{t('profile.totp.step_scan')}</li>
        <li>{t('profile.totp.step_code')}</li>
      </ol>
      <div className="flex flex-wrap items-center gap-4">
        <img
          src={`data:image/png;base64,${enrolment.qr_png_base64}`}
          alt={t('profile.totp.qr_alt')}
          className="size-40 rounded-md border bg-white p-2"
        />
        <div className="grid min-w-0 gap-1 text-sm">
          <span className="text-muted-foreground">{t('profile.totp.manual')}</span>
          <code
            className="bg-muted rounded px-2 py-1 font-mono text-xs break-all select-all"
            data-testid="totp-secret"
          >
            {enrolment.secret}
          </code>
        </div>
      </div>
      <FormField id="totp-code" label={t('auth.mfa.code_label')} error={form.formState.errors.code}>
        {(control) => (
          <Input
            {...control}
            {...form.register('code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            className="max-w-40 font-mono tracking-widest"
            autoFocus
          />
        )}
      </FormField>
      <div className="flex gap-2">
        <Button type="submit" pending={form.formState.isSubmitting}>
          {t('profile.totp.confirm')}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function DisableTotpDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const disable = useDisableTotp();
  const form = useZodForm(disableTotpSchema, { defaultValues: { password: '', code: '' } });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit(async (input) => {
    try {
      await disable.mutateAsync(input);
      toast.success(t('profile.totp.disabled'));
      form.reset();
      onOpenChange(false);
    } catch (error) {
      applyProblem(error, form.setError, ['password', 'code']);
    }
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          <DialogHeader>
            <DialogTitle>{t('profile.totp.disable')}</DialogTitle>
            <DialogDescription>{t('profile.totp.disable_hint')}</DialogDescription>
          </DialogHeader>
          <FormField
            id="disable-totp-password"
            label={t('auth.fields.password')}
            error={errors.password}
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
          <FormField id="disable-totp-code" label={t('auth.mfa.code_label')} error={errors.code}>
            {(control) => (
              <Input
                {...control}
                {...form.register('code')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                className="font-mono tracking-widest"
              />
            )}
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="destructive" pending={form.formState.isSubmitting}>
              {t('profile.totp.disable')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
