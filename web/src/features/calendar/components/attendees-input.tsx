import { Shield, UserRound, UsersRound } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { PickOrType } from '@/components/people/pick-or-type';
import { useChosenName } from '@/components/people/user-picker';
import { UserSearch } from '@/components/people/user-search';
import { FieldErrorText } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/input';
import { RemovableChip } from '@/components/ui/removable-chip';
import { useGroupChoices, useRoleChoices } from '@/lib/api/directory';

type Kind = 'user' | 'role' | 'group';
const KINDS = ['user', 'role', 'group'] as const;

/** `role:hse_manager` → role, `group:Night shift` → group, anything else a person's id. */
function kindOf(attendee: string): { kind: Kind; name: string } {
  for (const kind of ['role', 'group'] as const) {
    if (attendee.startsWith(`${kind}:`)) return { kind, name: attendee.slice(kind.length + 1) };
  }
  return { kind: 'user', name: attendee };
}

function PersonChip({ id, onRemove }: { id: string; onRemove: () => void }) {
  const { t } = useTranslation('calendar');
  const name = useChosenName(id);
  return (
    <RemovableChip
      icon={UserRound}
      title={id}
      removeLabel={t('attendees.remove', { name })}
      onRemove={onRemove}
    >
      {name}
    </RemovableChip>
  );
}

function NamedChip({ attendee, onRemove }: { attendee: string; onRemove: () => void }) {
  const { t } = useTranslation('calendar');
  const roles = useRoleChoices();
  const { kind, name } = kindOf(attendee);
  const shown =
    kind === 'role' ? (roles.data?.find((role) => role.code === name)?.name ?? name) : name;
  const label = t(kind === 'role' ? 'attendees.chip_role' : 'attendees.chip_group', {
    name: shown,
  });
  return (
    <RemovableChip
      icon={kind === 'role' ? Shield : UsersRound}
      title={attendee}
      removeLabel={t('attendees.remove', { name: label })}
      onRemove={onRemove}
    >
      {label}
    </RemovableChip>
  );
}

/** A role or a group from the company's list, or typed when the list is out of reach. */
function NamedPicker({
  kind,
  onPick,
}: {
  kind: 'role' | 'group';
  onPick: (value: string) => void;
}) {
  const { t } = useTranslation('calendar');
  const roles = useRoleChoices();
  const groups = useGroupChoices();
  const options =
    kind === 'role'
      ? (roles.data ?? []).map((role) => ({ value: role.code, label: role.name }))
      : (groups.data ?? []).map((group) => ({ value: group.name, label: group.name }));
  return (
    <PickOrType
      label={t(kind === 'role' ? 'attendees.pick_role' : 'attendees.pick_group')}
      placeholder={t(kind === 'role' ? 'attendees.type_role' : 'attendees.type_group')}
      addLabel={t('attendees.add')}
      options={options}
      onPick={(value) => onPick(`${kind}:${value}`)}
    />
  );
}

/**
 * Who is invited: people, roles (`role:<code>`) and groups (`group:<name>`), as chips;
 * one more added through a picker of the chosen kind. Each is listed once.
 */
export function AttendeesInput({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation('calendar');
  const [kind, setKind] = useState<Kind>('user');
  const add = (attendee: string) => {
    if (!value.includes(attendee)) onChange([...value, attendee]);
  };
  const remove = (attendee: string) => onChange(value.filter((other) => other !== attendee));
  return (
    <fieldset className="grid gap-2" aria-describedby="event-attendees-hint">
      <legend className="mb-1.5 text-sm font-medium">{t('attendees.label')}</legend>
      {value.length === 0 ? (
        <p className="text-muted-foreground text-xs">{t('attendees.none')}</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5" aria-label={t('attendees.label')}>
          {value.map((attendee) => (
            <li key={attendee}>
              {kindOf(attendee).kind === 'user' ? (
                <PersonChip id={attendee} onRemove={() => remove(attendee)} />
              ) : (
                <NamedChip attendee={attendee} onRemove={() => remove(attendee)} />
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-start gap-2">
        <NativeSelect
          aria-label={t('attendees.kind')}
          className="w-full sm:w-40"
          value={kind}
          onChange={(event) => setKind(event.target.value as Kind)}
        >
          {KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`attendees.kinds.${option}`)}
            </option>
          ))}
        </NativeSelect>
        {kind === 'user' ? (
          <UserSearch
            id="event-attendee-search"
            label={t('attendees.search')}
            words={{
              placeholder: t('attendees.search'),
              me: t('attendees.me'),
              noMatch: t('attendees.no_match'),
            }}
            onPick={add}
          />
        ) : (
          <NamedPicker key={kind} kind={kind} onPick={add} />
        )}
      </div>
      <p id="event-attendees-hint" className="text-muted-foreground text-xs">
        {t('attendees.hint')}
      </p>
      <FieldErrorText message={error} />
    </fieldset>
  );
}
