import { UserRound } from 'lucide-react';

import { RemovableChip } from '@/components/ui/removable-chip';
import { useUserName } from '@/lib/api/users';
import { useMe } from '@/lib/auth/me';

import { UserSearch } from './user-search';

type UserPickerProps = {
  id: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  value: string;
  onChange: (userId: string) => void;
  onBlur?: () => void;
  /** The accessible name when no visible label is tied to the control (filters). */
  label?: string;
  /** The caller's words: a record's link field, an incident's assignee. */
  words: { placeholder: string; me: string; noMatch: string; clear: (name: string) => string };
};

/** A chosen person's name: the signed-in user's own, else looked up (their id until known). */
export function useChosenName(id: string) {
  const me = useMe();
  const found = useUserName(id && id !== me.user.id ? id : null);
  return id === me.user.id ? me.user.full_name : (found.data ?? id);
}

/** A person: chosen (a chip with their name), or searched by name or address, or "Me". */
export function UserPicker({ value, onChange, onBlur, label, words, ...control }: UserPickerProps) {
  const name = useChosenName(value);
  if (value) {
    return (
      <RemovableChip
        {...control}
        icon={UserRound}
        title={value}
        removeLabel={words.clear(name)}
        onRemove={() => onChange('')}
      >
        {name}
      </RemovableChip>
    );
  }
  return <UserSearch {...control} label={label} words={words} onPick={onChange} onBlur={onBlur} />;
}
