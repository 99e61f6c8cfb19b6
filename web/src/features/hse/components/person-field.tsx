import {
  type Control,
  Controller,
  type FieldError,
  type FieldPathByValue,
  type FieldValues,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';

import { UserPicker } from '@/components/people/user-picker';
import { FormField } from '@/components/ui/form-field';

/** The HSE forms' words for picking people (an assignee, an owner, investigators). */
export function usePersonWords() {
  const { t } = useTranslation('hse');
  return {
    placeholder: t('form.assignee_search'),
    me: t('form.assignee_me'),
    noMatch: t('form.assignee_none'),
    clear: (name: string) => t('form.assignee_clear', { name }),
    remove: (name: string) => t('form.assignee_clear', { name }),
  };
}

/** A form's person field: the user picker under its label, with its error. */
export function PersonField<T extends FieldValues, TOut extends FieldValues>({
  control,
  name,
  id,
  label,
  error,
}: {
  control: Control<T, unknown, TOut>;
  name: FieldPathByValue<T, string>;
  id: string;
  label: string;
  error?: FieldError;
}) {
  const words = usePersonWords();
  return (
    <FormField id={id} label={label} error={error}>
      {(props) => (
        <Controller
          control={control}
          name={name}
          render={({ field }) => (
            <UserPicker
              {...props}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              words={words}
            />
          )}
        />
      )}
    </FormField>
  );
}
