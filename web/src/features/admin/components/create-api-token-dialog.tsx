import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

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
import { Input } from '@/components/ui/input';
import { hasPermission, usePermissions } from '@/lib/auth/permissions';
import { applyProblem, problemMessage } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';
import { translateIfExists } from '@/lib/i18n';

import { apiTokenSchema, dayFromNow, useCreateApiToken } from '../api/create-api-token';
import { usePermissionCatalogue } from '../api/get-permission-catalogue';
import { PermissionMatrix } from './permission-matrix';

/** A token acting as you, with a subset of your permissions; hands its secret up. */
export function CreateApiTokenDialog({ onCreated }: { onCreated: (secret: string) => void }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const [open, setOpen] = useState(false);
  const { grants } = usePermissions();
  const catalogue = usePermissionCatalogue();
  // Only what you hold can be given (the API refuses the rest with `privilege_escalation`).
  const yours = (catalogue.data ?? []).filter((permission) =>
    hasPermission(grants, permission.code),
  );
  const create = useCreateApiToken();
  const form = useZodForm(apiTokenSchema, {
    defaultValues: { name: '', expires_on: dayFromNow(90), permissions: {} },
  });
  const { errors, isSubmitting } = form.formState;
  const [refusal, setRefusal] = useState<string>();

  const onSubmit = form.handleSubmit(async (input) => {
    setRefusal(undefined);
    try {
      const token = await create.mutateAsync(input);
      form.reset({ name: '', expires_on: dayFromNow(90), permissions: {} });
      setOpen(false);
      onCreated(token.secret);
    } catch (error) {
      const placed = applyProblem(error, form.setError, {
        name: 'name',
        expires_at: 'expires_on',
        permissions: 'permissions',
      });
      if (placed.length === 0) setRefusal(problemMessage(error));
    }
  });
  const permissionsMessage: unknown = errors.permissions?.message;
  const permissionsError = typeof permissionsMessage === 'string' ? permissionsMessage : undefined;

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden />
          {t('tokens.create')}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>{t('tokens.create')}</DialogTitle>
          <DialogDescription>{t('tokens.create_hint')}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              id="token-name"
              className="content-start"
              label={t('tokens.fields.name')}
              error={errors.name}
            >
              {(control) => <Input {...control} {...form.register('name')} />}
            </FormField>
            <FormField
              id="token-expiry"
              label={t('tokens.fields.expires_on')}
              hint={t('tokens.fields.expires_hint')}
              error={errors.expires_on}
            >
              {(control) => (
                <Input
                  {...control}
                  {...form.register('expires_on')}
                  type="date"
                  min={dayFromNow(0)}
                  max={dayFromNow(729)}
                />
              )}
            </FormField>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t('tokens.fields.permissions')}</legend>
            {refusal ? (
              <p role="alert" className="text-destructive text-sm font-medium">
                {refusal}
              </p>
            ) : null}
            {permissionsError ? (
              <p role="alert" className="text-destructive text-xs font-medium">
                {translateIfExists(permissionsError) ?? permissionsError}
              </p>
            ) : null}
            <Controller
              control={form.control}
              name="permissions"
              render={({ field }) => (
                <PermissionMatrix catalogue={yours} value={field.value} onChange={field.onChange} />
              )}
            />
          </fieldset>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" pending={isSubmitting}>
              {t('tokens.create')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
