import { UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { UserSearch } from '@/components/people/user-search';
import { SitePicker } from '@/components/sites/site-picker';
import { NativeSelect } from '@/components/ui/input';
import { RemovableChip } from '@/components/ui/removable-chip';
import { useUserName } from '@/lib/api/users';
import { useMe } from '@/lib/auth/me';

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

/** A person: chosen (a chip with their name), or searched by name or address, or "Me". */
function UserPicker({
  value,
  onChange,
  onBlur,
  label,
  ...control
}: Omit<LinkInputProps, 'module' | 'field'>) {
  const { t } = useTranslation('modules');
  const me = useMe();
  const chosen = useUserName(value || null);
  if (value) {
    const name = value === me.user.id ? me.user.full_name : (chosen.data ?? value);
    return (
      <RemovableChip
        {...control}
        icon={UserRound}
        title={value}
        removeLabel={t('form.user_clear', { name })}
        onRemove={() => onChange('')}
      >
        {name}
      </RemovableChip>
    );
  }
  return (
    <UserSearch
      {...control}
      label={label}
      words={{
        placeholder: t('form.user_search'),
        me: t('form.user_me'),
        noMatch: t('form.user_no_match'),
      }}
      onPick={onChange}
      onBlur={onBlur}
    />
  );
}

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
  if (field.link === 'users') return <UserPicker {...props} />;
  if (field.link === 'sites') return <SitePicker {...props} />;
  // Any other target is a record type of this module (the server checks manifests).
  return <RecordPicker module={module} type={field.link ?? ''} {...props} />;
}
