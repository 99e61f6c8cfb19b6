import { UserPlus } from 'lucide-react';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
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
import { Label } from '@/components/ui/label';
import { usePermissions } from '@/lib/auth/permissions';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';
import { i18n, LANGUAGES } from '@/lib/i18n';

import { useRoles } from '../api/get-roles';
import { inviteSchema, useInviteUser } from '../api/invite-user';

/** Invites someone by email, optionally with roles; the API emails them a link. */
export function InviteUserDialog() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const [open, setOpen] = useState(false);
  const { can } = usePermissions();
  const mayPickRoles = can('roles.manage.role');
  const roles = useRoles(mayPickRoles);
  const invite = useInviteUser();
  const form = useZodForm(inviteSchema, {
    defaultValues: {
      email: '',
      full_name: '',
      locale: i18n.language === 'en' ? 'en' : 'fr',
      role_ids: [],
    },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      const user = await invite.mutateAsync(input);
      toast.success(t('users.invite.sent', { email: user.email }));
      form.reset();
      setOpen(false);
    } catch (error) {
      applyProblem(error, form.setError, ['email', 'full_name', 'locale', 'role_ids']);
    }
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden />
          {t('users.invite.action')}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('users.invite.title')}</DialogTitle>
          <DialogDescription>{t('users.invite.description')}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          <FormField id="invite-email" label={tc('auth.fields.email')} error={errors.email}>
            {(control) => (
              <Input {...control} {...form.register('email')} type="email" autoComplete="off" />
            )}
          </FormField>
          <FormField id="invite-name" label={t('users.fields.full_name')} error={errors.full_name}>
            {(control) => <Input {...control} {...form.register('full_name')} />}
          </FormField>
          <FormField id="invite-locale" label={tc('common.language')} error={errors.locale}>
            {(control) => (
              <NativeSelect {...control} {...form.register('locale')}>
                {LANGUAGES.map((language) => (
                  <option key={language} value={language}>
                    {tc(`languages.${language}`)}
                  </option>
                ))}
              </NativeSelect>
            )}
          </FormField>
          {mayPickRoles ? (
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">{t('users.fields.roles')}</legend>
              <Controller
                control={form.control}
                name="role_ids"
                render={({ field }) => (
                  <div className="grid max-h-48 gap-2 overflow-y-auto sm:grid-cols-2">
                    {(roles.data ?? []).map((role) => (
                      <div key={role.id} className="flex items-center gap-2">
                        <Checkbox
                          id={`invite-role-${role.id}`}
                          checked={field.value.includes(role.id)}
                          onCheckedChange={(checked) =>
                            field.onChange(
                              checked
                                ? [...field.value, role.id]
                                : field.value.filter((id) => id !== role.id),
                            )
                          }
                        />
                        <Label htmlFor={`invite-role-${role.id}`} className="font-normal">
                          {role.name}
                        </Label>
                      </div>
                    ))}
                  </div>
                )}
              />
              {errors.role_ids?.message ? (
                <p role="alert" className="text-destructive text-xs font-medium">
                  {errors.role_ids.message}
                </p>
              ) : null}
            </fieldset>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" pending={isSubmitting}>
              {t('users.invite.submit')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
