import { UserRound } from 'lucide-react';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { useDebounced } from '@/hooks/use-debounced';
import { useUserSearch } from '@/lib/api/users';
import { useMe } from '@/lib/auth/me';

/**
 * A person found by name or address (suggestions from two characters), or the signed-in
 * user in one click. The words are the caller's: a record's link field, a hook's
 * recipients.
 */
export function UserSearch({
  id,
  label,
  words,
  onPick,
  onBlur,
  'aria-invalid': invalid,
  'aria-describedby': describedBy,
}: {
  id: string;
  /** The accessible name when no visible label is tied to the input. */
  label?: string;
  words: { placeholder: string; me: string; noMatch: string };
  onPick: (userId: string) => void;
  onBlur?: () => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const me = useMe();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const found = useUserSearch(q);
  return (
    <div className="grid min-w-0 flex-1 gap-2">
      <div className="flex gap-2">
        <Input
          id={id}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          type="search"
          className="min-w-0 flex-1"
          aria-label={label}
          placeholder={words.placeholder}
          value={search}
          onBlur={onBlur}
          onChange={(event) => setSearch(event.target.value)}
        />
        <Button type="button" variant="outline" onClick={() => onPick(me.user.id)}>
          <UserRound aria-hidden />
          {words.me}
        </Button>
      </div>
      {q.length >= 2 && found.data ? (
        found.data.length === 0 ? (
          <p className="text-muted-foreground text-xs">{words.noMatch}</p>
        ) : (
          <ul className="grid gap-1">
            {found.data.map((user) => (
              <li key={user.id}>
                <button
                  type="button"
                  className="hover:bg-accent focus-visible:ring-ring w-full rounded-md px-2 py-1 text-left text-sm focus-visible:ring-2 focus-visible:outline-none"
                  onClick={() => {
                    onPick(user.id);
                    setSearch('');
                  }}
                >
                  <span className="font-medium">{user.full_name}</span>{' '}
                  <span className="text-muted-foreground text-xs">{user.email}</span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
