import { useTranslation } from 'react-i18next';

import { UserPicker } from '@/components/people/user-picker';
import { SitePicker } from '@/components/sites/site-picker';
import { NativeSelect } from '@/components/ui/input';

import type { FieldDef } from '../api/get-modules';
import { useLinkedRecord, useRecordSearch } from '../api/get-records';

type ControlProps = {
  id: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
};

type LinkInputProps = ControlProps & {
  module: string;
  field: FieldDef;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  /** The accessible name when no visible label is tied to the control (filters). */
  label?: string;
};

/** A record of the same module, picked by its number and title among the latest ones. */
function RecordPicker({
  module,
  type,
  value,
  onChange,
  onBlur,
  label,
  ...control
}: Omit<LinkInputProps, 'field'> & { type: string }) {
  const { t } = useTranslation('modules');
  const records = useRecordSearch(module, type, '');
  const current = useLinkedRecord(module, type, value || null);
  const options = records.data ?? [];
  const missing = value && !options.some((record) => record.id === value);
  const name = (record: { number?: string | null; title: string }) =>
    [record.number, record.title].filter(Boolean).join(' · ');
  return (
    <NativeSelect
      {...control}
      aria-label={label}
      value={value}
      onBlur={onBlur}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{t('form.none')}</option>
      {missing ? <option value={value}>{current.data ? name(current.data) : value}</option> : null}
      {options.map((record) => (
        <option key={record.id} value={record.id}>
          {name(record)}
        </option>
      ))}
    </NativeSelect>
  );
}

/**
 * A link field's input: a person (users), one of the company's active sites, or a
 * record of the same module (a picker by title).
 */
export function LinkInput({ module, field, ...props }: LinkInputProps) {
  const { t } = useTranslation('modules');
  if (field.link === 'users') {
    const words = {
      placeholder: t('form.user_search'),
      me: t('form.user_me'),
      noMatch: t('form.user_no_match'),
      clear: (name: string) => t('form.user_clear', { name }),
    };
    return <UserPicker {...props} words={words} />;
  }
  if (field.link === 'sites') return <SitePicker {...props} />;
  // Any other target is a record type of this module (the server checks manifests).
  return <RecordPicker module={module} type={field.link ?? ''} {...props} />;
}
