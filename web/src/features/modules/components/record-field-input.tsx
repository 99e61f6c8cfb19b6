import { Controller, type Control, type FieldError, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

import { Checkbox } from '@/components/ui/checkbox';
import { FormField } from '@/components/ui/form-field';
import { Input, NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { translateIfExists } from '@/lib/i18n';

import type { FieldDef } from '../api/get-modules';
import { labelOf } from '../lib/labels';
import type { FormValues, RecordData } from '../lib/record-schema';
import { LinkInput } from './link-input';

type Props = {
  module: string;
  field: FieldDef;
  id: string;
  required: boolean;
  error: FieldError | undefined;
  control: Control<FormValues, unknown, RecordData>;
  register: UseFormRegister<FormValues>;
};

/** A field's label, with an asterisk when it must be filled in (`aria-required` says it aloud). */
function FieldLabel({ text, required }: { text: string; required: boolean }) {
  return (
    <>
      {text}
      {required ? (
        <span aria-hidden className="text-destructive">
          {' '}
          *
        </span>
      ) : null}
    </>
  );
}

/** A yes/no field: a checkbox with its label beside it, then its help and error. */
function BooleanField({ field, id, error, control }: Props) {
  const { i18n } = useTranslation();
  const help = labelOf(field.help, i18n.language);
  const message = error?.message && (translateIfExists(error.message) ?? error.message);
  return (
    <div className="grid gap-1.5">
      <div className="flex min-h-9 items-center gap-2">
        <Controller
          control={control}
          name={field.code}
          render={({ field: input }) => (
            <Checkbox
              id={id}
              checked={input.value === true}
              onCheckedChange={(checked) => input.onChange(checked === true)}
              onBlur={input.onBlur}
              aria-invalid={error ? true : undefined}
              aria-describedby={
                [help ? `${id}-hint` : null, error ? `${id}-error` : null]
                  .filter(Boolean)
                  .join(' ') || undefined
              }
            />
          )}
        />
        <Label htmlFor={id}>{labelOf(field.label, i18n.language)}</Label>
      </div>
      {help ? (
        <div id={`${id}-hint`} className="text-muted-foreground text-xs">
          {help}
        </div>
      ) : null}
      {message ? (
        <p id={`${id}-error`} role="alert" className="text-destructive text-xs font-medium">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The input a field's type calls for, with its label, help and error: text or a text
 * area, numbers and amounts typed as text (a French comma is fine; the schema checks),
 * native date and date-time pickers, a list for a choice, a picker for a link.
 */
export function RecordFieldInput(props: Props) {
  const { module, field, id, required, error, control, register } = props;
  const { t, i18n } = useTranslation('modules');
  if (field.type === 'boolean') return <BooleanField {...props} />;
  const label = labelOf(field.label, i18n.language);
  const help = labelOf(field.help, i18n.language);
  const wide = field.type === 'long_text';
  return (
    <FormField
      id={id}
      label={<FieldLabel text={label} required={required} />}
      hint={help || undefined}
      error={error}
      className={wide ? 'content-start sm:col-span-2' : 'content-start'}
    >
      {(aria) => {
        const common = { ...aria, 'aria-required': required || undefined };
        switch (field.type) {
          case 'long_text':
            return <Textarea {...common} {...register(field.code)} rows={4} />;
          case 'number':
          case 'money':
            return (
              <div className="flex items-center gap-2">
                <Input
                  {...common}
                  {...register(field.code)}
                  inputMode="decimal"
                  autoComplete="off"
                  className="tabular-nums"
                />
                {field.type === 'money' && field.currency ? (
                  <span
                    className="text-muted-foreground text-sm"
                    aria-label={t('form.currency', { currency: field.currency })}
                  >
                    {field.currency}
                  </span>
                ) : null}
              </div>
            );
          case 'date':
            return <Input {...common} {...register(field.code)} type="date" />;
          case 'datetime':
            return <Input {...common} {...register(field.code)} type="datetime-local" />;
          case 'choice':
            return (
              <NativeSelect {...common} {...register(field.code)}>
                <option value="">{required ? t('form.choose') : t('form.none')}</option>
                {(field.choices ?? []).map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {labelOf(choice.label, i18n.language)}
                  </option>
                ))}
              </NativeSelect>
            );
          case 'link':
            return (
              <Controller
                control={control}
                name={field.code}
                render={({ field: input }) => (
                  <LinkInput
                    {...aria}
                    module={module}
                    field={field}
                    value={typeof input.value === 'string' ? input.value : ''}
                    onChange={input.onChange}
                    onBlur={input.onBlur}
                  />
                )}
              />
            );
          default:
            return <Input {...common} {...register(field.code)} autoComplete="off" />;
        }
      }}
    </FormField>
  );
}
