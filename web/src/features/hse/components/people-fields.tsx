import { Plus, Trash2 } from 'lucide-react';
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input, NativeSelect } from '@/components/ui/input';

import { blankPerson, type IncidentInput, type IncidentValues } from '../api/report-incident';
import { EMPLOYERS, INJURY_CLASSES } from '../lib/incident';

/** The people involved: one row each (name, employer, injury, days lost), added and removed. */
export function PeopleFields({
  form,
}: {
  form: UseFormReturn<IncidentInput, unknown, IncidentValues>;
}) {
  const { t } = useTranslation('hse');
  const people = useFieldArray({ control: form.control, name: 'people' });
  const errors = form.formState.errors.people;
  return (
    <div className="grid gap-3">
      {people.fields.length === 0 ? (
        <p className="text-muted-foreground text-sm">{t('form.no_people')}</p>
      ) : (
        <ol className="grid gap-3">
          {people.fields.map((field, index) => {
            const id = (name: string) => `person-${index}-${name}`;
            const rowErrors = errors?.[index];
            return (
              <li
                key={field.id}
                className="grid items-start gap-3 rounded-md border p-3 sm:grid-cols-[2fr_1fr_1.4fr_6rem_auto]"
              >
                <FormField
                  id={id('name')}
                  label={t('form.person_name')}
                  error={rowErrors?.full_name}
                >
                  {(control) => (
                    <Input
                      {...control}
                      {...form.register(`people.${index}.full_name`)}
                      maxLength={200}
                    />
                  )}
                </FormField>
                <FormField id={id('employer')} label={t('form.person_employer')}>
                  {(control) => (
                    <NativeSelect {...control} {...form.register(`people.${index}.employer`)}>
                      {EMPLOYERS.map((value) => (
                        <option key={value} value={value}>
                          {t(`employer.${value}`)}
                        </option>
                      ))}
                    </NativeSelect>
                  )}
                </FormField>
                <FormField
                  id={id('injury')}
                  label={t('form.person_injury')}
                  error={rowErrors?.injury_class}
                >
                  {(control) => (
                    <NativeSelect {...control} {...form.register(`people.${index}.injury_class`)}>
                      <option value="">{t('injury.none')}</option>
                      {INJURY_CLASSES.map((value) => (
                        <option key={value} value={value}>
                          {t(`injury.${value}`)}
                        </option>
                      ))}
                    </NativeSelect>
                  )}
                </FormField>
                <FormField
                  id={id('days')}
                  label={t('form.person_days_lost')}
                  error={rowErrors?.days_lost}
                >
                  {(control) => (
                    <Input
                      {...control}
                      {...form.register(`people.${index}.days_lost`)}
                      type="number"
                      min={0}
                      max={3650}
                      inputMode="numeric"
                      className="tabular-nums"
                    />
                  )}
                </FormField>
                <Button
                  type="button"
                  size="icon"
                  variant="ghost"
                  className="text-destructive hover:text-destructive mt-6"
                  aria-label={t('form.remove_person', { index: index + 1 })}
                  title={t('form.remove_person', { index: index + 1 })}
                  onClick={() => people.remove(index)}
                >
                  <Trash2 aria-hidden />
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      {people.fields.length < 50 ? (
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            onClick={() => people.append(blankPerson())}
          >
            <Plus aria-hidden />
            {t('form.add_person')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
