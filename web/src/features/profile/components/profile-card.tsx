import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input, NativeSelect } from '@/components/ui/input';
import { useMe } from '@/lib/auth/me';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';
import { LANGUAGES } from '@/lib/i18n';

import { profileSchema, useUpdateProfile } from '../api/update-profile';

function timeZones(current: string) {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

/**
 * The form pattern: Zod schema from the api file, defaults from the server, API field
 * errors under their fields, the rest in a toast, submit disabled while pending.
 */
export function ProfileCard() {
  const { t } = useTranslation();
  const { user } = useMe();
  const update = useUpdateProfile();
  const form = useZodForm(profileSchema, {
    values: { full_name: user.full_name, locale: user.locale, time_zone: user.time_zone },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const zones = useMemo(() => timeZones(user.time_zone), [user.time_zone]);

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      await update.mutateAsync(input);
      toast.success(t('profile.saved'));
    } catch (error) {
      applyProblem(error, form.setError, ['full_name', 'locale', 'time_zone']);
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('profile.card.title')}</CardTitle>
        <CardDescription>{t('profile.card.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          <FormField id="full-name" label={t('profile.fields.full_name')} error={errors.full_name}>
            {(control) => (
              <Input {...control} {...form.register('full_name')} autoComplete="name" />
            )}
          </FormField>
          <FormField id="email" label={t('auth.fields.email')} hint={t('profile.email_hint')}>
            {(control) => <Input {...control} value={user.email} readOnly disabled />}
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="locale" label={t('common.language')} error={errors.locale}>
              {(control) => (
                <NativeSelect {...control} {...form.register('locale')}>
                  {LANGUAGES.map((language) => (
                    <option key={language} value={language}>
                      {t(`languages.${language}`)}
                    </option>
                  ))}
                </NativeSelect>
              )}
            </FormField>
            <FormField
              id="time-zone"
              label={t('profile.fields.time_zone')}
              error={errors.time_zone}
            >
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
          </div>
          <Button
            type="submit"
            className="justify-self-start"
            pending={isSubmitting}
            disabled={!isDirty}
          >
            {t('common.save')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
