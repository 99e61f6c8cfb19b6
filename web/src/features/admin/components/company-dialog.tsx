import { useMemo, useState } from 'react';
import type * as React from 'react';
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

import type { Company } from '../api/get-companies';
import { companySchema, useSaveCompany } from '../api/save-company';

/** Creates a company (no `company`) or edits one. */
export function CompanyDialog({
  company,
  trigger,
}: {
  company?: Company;
  trigger: React.ReactNode;
}) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const [open, setOpen] = useState(false);
  const save = useSaveCompany(company?.id);
  const form = useZodForm(companySchema, {
    values: {
      name: company?.name ?? '',
      slug: company?.slug ?? '',
      locale: company?.locale ?? 'fr',
      time_zone: company?.time_zone ?? 'Europe/Paris',
      is_active: company?.is_active ?? true,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      const saved = await save.mutateAsync(input);
      toast.success(t('companies.saved', { name: saved.name }));
      setOpen(false);
    } catch (error) {
      applyProblem(error, form.setError, ['name', 'slug', 'locale', 'time_zone']);
    }
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{company ? t('companies.edit_title') : t('companies.create')}</DialogTitle>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          <FormField id="company-name" label={t('companies.fields.name')} error={errors.name}>
            {(control) => <Input {...control} {...form.register('name')} />}
          </FormField>
          <FormField
            id="company-slug"
            label={t('companies.fields.slug')}
            hint={t('companies.fields.slug_hint')}
            error={errors.slug}
          >
            {(control) => <Input {...control} {...form.register('slug')} className="font-mono" />}
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="company-locale" label={tc('common.language')} error={errors.locale}>
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
            <FormField
              id="company-zone"
              label={t('users.fields.time_zone')}
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
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" pending={isSubmitting}>
              {tc('common.save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
