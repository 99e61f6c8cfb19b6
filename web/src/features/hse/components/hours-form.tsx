import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { SitePicker } from '@/components/sites/site-picker';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import { type HoursInput, hoursSchema, useSaveHours } from '../api/save-hours';
import type { HoursRow } from '../lib/kpis';

const FIELDS = ['site_id', 'month', 'employee_hours', 'contractor_hours'] as const;

/** A row's values as the form holds them (text, as typed), or a blank month. */
function formValues(row: HoursRow | null, month: string): HoursInput {
  return {
    site_id: row?.site_id ?? '',
    month: row?.month ?? month,
    employee_hours: row ? String(row.employee_hours) : '',
    contractor_hours: row ? String(row.contractor_hours) : '',
  };
}

/**
 * One site's hours for one month, entered or corrected (the API replaces what was saved).
 * `row` fills it from the table; give it a new `key` to load another row.
 */
export function HoursForm({ row, month }: { row: HoursRow | null; month: string }) {
  const { t } = useTranslation('hseKpi');
  const save = useSaveHours();
  const form = useZodForm(hoursSchema, { defaultValues: formValues(row, month) });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      toast.success(t('hours.form.saved', { month: values.month }));
      // The next month is often for the same site: keep it, clear the numbers.
      form.reset({ ...values, employee_hours: '', contractor_hours: '' });
    } catch (error) {
      applyProblem(error, form.setError, FIELDS);
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{t('hours.form.title')}</CardTitle>
        <CardDescription>{t('hours.form.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={(event) => void onSubmit(event)} className="grid gap-4">
          <Controller
            control={form.control}
            name="site_id"
            render={({ field }) => (
              <FormField id="hours-site" label={t('hours.form.site')} error={errors.site_id}>
                {(control) => (
                  <SitePicker
                    {...control}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                  />
                )}
              </FormField>
            )}
          />
          <FormField id="hours-month" label={t('hours.form.month')} error={errors.month}>
            {(control) => <Input {...control} type="month" {...form.register('month')} />}
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            {(['employee_hours', 'contractor_hours'] as const).map((name) => (
              <FormField
                key={name}
                id={`hours-${name}`}
                label={t(`hours.form.${name}`)}
                error={errors[name]}
              >
                {(control) => (
                  <Input
                    {...control}
                    inputMode="decimal"
                    autoComplete="off"
                    className="text-right tabular-nums"
                    {...form.register(name)}
                  />
                )}
              </FormField>
            ))}
          </div>
          <div className="flex flex-wrap justify-end gap-2">
            <Button
              type="button"
              variant="ghost"
              onClick={() => form.reset(formValues(null, month))}
            >
              {t('hours.form.clear')}
            </Button>
            <Button type="submit" pending={isSubmitting}>
              {t('hours.form.save')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
