import { Pencil } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input, NativeSelect } from '@/components/ui/input';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';
import { LANGUAGES } from '@/lib/i18n';

import type { User } from '../api/get-users';
import { userSchema, useUpdateUser } from '../api/update-user';

/** Name, language and time zone of a user. */
export function EditUserDialog({ user }: { user: User }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const [open, setOpen] = useState(false);
  const update = useUpdateUser(user.id);
  const form = useZodForm(userSchema, {
    values: { full_name: user.full_name, locale: user.locale, time_zone: user.time_zone },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    return all.includes(user.time_zone) ? all : [user.time_zone, ...all];
  }, [user.time_zone]);

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      await update.mutateAsync(input);
      toast.success(t('users.saved'));
      setOpen(false);
    } catch (error) {
      applyProblem(error, form.setError, ['full_name', 'locale', 'time_zone']);
    }
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <Pencil aria-hidden />
          {t('users.edit')}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('users.edit_title', { name: user.full_name })}</DialogTitle>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          <FormField id="user-name" label={t('users.fields.full_name')} error={errors.full_name}>
            {(control) => <Input {...control} {...form.register('full_name')} />}
          </FormField>
          <FormField id="user-locale" label={tc('common.language')} error={errors.locale}>
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
          <FormField id="user-zone" label={t('users.fields.time_zone')} error={errors.time_zone}>
            {(control) => (
              <NativeSelect {...control} {...form.register('time_zone')}>
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll('_', ' ')}
                  </option>
                ))}
              </NativeSelect>
            )}
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" pending={isSubmitting} disabled={!isDirty}>
              {tc('common.save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
