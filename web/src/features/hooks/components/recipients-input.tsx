import { X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { PickOrType } from '@/components/people/pick-or-type';
import { UserSearch } from '@/components/people/user-search';
import { NativeSelect } from '@/components/ui/input';
import { useGroupChoices, useRoleChoices } from '@/lib/api/directory';
import { useUserName } from '@/lib/api/users';
import { useMe } from '@/lib/auth/me';

import { parseRecipient, type RecipientKind } from '../lib/actions';
import { recipientFields, type SchemaField } from '../lib/schema-fields';

/** A recipient in words: "Role · HSE manager", "Me (Demo Admin)", a person's name. */
function RecipientChip({ value, onRemove }: { value: string; onRemove: () => void }) {
  const { t } = useTranslation('hooks');
  const me = useMe();
  const parsed = parseRecipient(value);
  const userId = parsed?.kind === 'user' && parsed.name !== me.user.id ? parsed.name : null;
  const userName = useUserName(userId);
  const roles = useRoleChoices();
  let label = value;
  if (parsed?.kind === 'user') {
    label =
      parsed.name === me.user.id
        ? t('actions.recipient_labels.me', { name: me.user.full_name })
        : (userName.data ?? value);
  } else if (parsed?.kind === 'role') {
    const role = roles.data?.find((candidate) => candidate.code === parsed.name);
    label = t('actions.recipient_labels.role', { name: role?.name ?? parsed.name });
  } else if (parsed) {
    label = t(`actions.recipient_labels.${parsed.kind}`, { name: parsed.name });
  }
  return (
    <li
      className="bg-secondary text-secondary-foreground inline-flex max-w-full items-center gap-1 rounded-full py-0.5 pr-1 pl-2.5 text-xs font-medium"
      title={value}
    >
      <span className="truncate">{label}</span>
      <button
        type="button"
        className="hover:bg-background/70 focus-visible:ring-ring rounded-full p-0.5 focus-visible:ring-2 focus-visible:outline-none"
        aria-label={t('actions.recipient_remove', { name: label })}
        onClick={onRemove}
      >
        <X className="size-3" aria-hidden />
      </button>
    </li>
  );
}

/** A role, a group or a field, picked from a list (or typed when the list is out of reach). */
function NamedPicker({
  id,
  kind,
  fields,
  onPick,
}: {
  id: string;
  kind: Exclude<RecipientKind, 'user'>;
  fields: SchemaField[];
  onPick: (value: string) => void;
}) {
  const { t } = useTranslation('hooks');
  const roles = useRoleChoices();
  const groups = useGroupChoices();
  const options: { value: string; label: string }[] =
    kind === 'role'
      ? (roles.data ?? []).map((role) => ({
          value: role.code,
          label: `${role.name} (${role.code})`,
        }))
      : kind === 'group'
        ? (groups.data ?? []).map((group) => ({ value: group.name, label: group.name }))
        : recipientFields(fields).map((field) => ({ value: field.path, label: field.path }));
  const label = t(
    kind === 'role'
      ? 'actions.recipient_role'
      : kind === 'group'
        ? 'actions.recipient_group'
        : 'actions.recipient_field',
  );
  return (
    <PickOrType
      id={id}
      label={label}
      addLabel={t('actions.recipient_add')}
      options={options}
      className={kind === 'field' ? 'font-mono text-xs' : undefined}
      onPick={(value) => onPick(`${kind}:${value}`)}
    />
  );
}

/**
 * Who an action reaches, as chips: people (by id), `role:<code>`, `group:<name>`,
 * `field:<path>` (a user id the event carries). Added through a picker per kind.
 */
export function RecipientsInput({
  id,
  value,
  onChange,
  fields,
  error,
}: {
  id: string;
  value: string[];
  onChange: (value: string[]) => void;
  fields: SchemaField[];
  error?: string | undefined;
}) {
  const { t } = useTranslation('hooks');
  const [kind, setKind] = useState<RecipientKind>('user');
  const add = (recipient: string) => {
    if (!value.includes(recipient)) onChange([...value, recipient]);
  };
  return (
    <fieldset
      className="grid gap-2"
      aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
      aria-invalid={error ? true : undefined}
    >
      <legend className="mb-1.5 text-sm font-medium">{t('actions.recipients')}</legend>
      {value.length === 0 ? (
        <p className="text-muted-foreground text-xs">{t('actions.recipients_none')}</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5" aria-label={t('actions.recipients')}>
          {value.map((recipient) => (
            <RecipientChip
              key={recipient}
              value={recipient}
              onRemove={() => onChange(value.filter((item) => item !== recipient))}
            />
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-start gap-2">
        <NativeSelect
          aria-label={t('actions.recipient_kind')}
          className="w-full sm:w-48"
          value={kind}
          onChange={(event) => setKind(event.target.value as RecipientKind)}
        >
          {(['user', 'role', 'group', 'field'] as const).map((option) => (
            <option key={option} value={option}>
              {t(`actions.recipient_kinds.${option}`)}
            </option>
          ))}
        </NativeSelect>
        {kind === 'user' ? (
          <UserSearch
            id={`${id}-user`}
            label={t('actions.recipient_search')}
            words={{
              placeholder: t('actions.recipient_search'),
              me: t('actions.recipient_me'),
              noMatch: t('actions.recipient_no_match'),
            }}
            onPick={add}
          />
        ) : (
          <NamedPicker key={kind} id={`${id}-${kind}`} kind={kind} fields={fields} onPick={add} />
        )}
      </div>
      <p id={`${id}-hint`} className="text-muted-foreground text-xs">
        {t('actions.recipients_hint')}
      </p>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-destructive text-xs font-medium">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
