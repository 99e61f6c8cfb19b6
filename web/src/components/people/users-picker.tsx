import { UserRound } from 'lucide-react';

import { RemovableChip } from '@/components/ui/removable-chip';

import { useChosenName } from './user-picker';
import { UserSearch } from './user-search';

function PersonChip({
  id,
  removeLabel,
  onRemove,
}: {
  id: string;
  removeLabel: (name: string) => string;
  onRemove: () => void;
}) {
  const name = useChosenName(id);
  return (
    <li>
      <RemovableChip
        icon={UserRound}
        title={id}
        removeLabel={removeLabel(name)}
        onRemove={onRemove}
      >
        {name}
      </RemovableChip>
    </li>
  );
}

/**
 * Several people (an investigation's investigators): chips with their names, and a
 * search (or "Me") to add one more. Each person is listed once.
 */
export function UsersPicker({
  id,
  value,
  onChange,
  onBlur,
  words,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
}: {
  id: string;
  value: string[];
  onChange: (userIds: string[]) => void;
  onBlur?: () => void;
  words: { placeholder: string; me: string; noMatch: string; remove: (name: string) => string };
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  return (
    <div className="grid gap-2">
      {value.length > 0 ? (
        <ul className="flex flex-wrap gap-2">
          {value.map((userId) => (
            <PersonChip
              key={userId}
              id={userId}
              removeLabel={words.remove}
              onRemove={() => onChange(value.filter((other) => other !== userId))}
            />
          ))}
        </ul>
      ) : null}
      <UserSearch
        id={id}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        words={words}
        onBlur={onBlur}
        onPick={(userId) => {
          if (!value.includes(userId)) onChange([...value, userId]);
        }}
      />
    </div>
  );
}
