import { Plus } from 'lucide-react';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
import { cn } from '@/lib/utils';

/**
 * One name picked from a list (a role, a group, a field), or typed when there is no
 * list (its reader lacks the permission to list them): a select, or an input and an
 * Add button (Enter adds too). `onPick` gets the value; the control is then empty again.
 */
export function PickOrType({
  id,
  label,
  placeholder = label,
  addLabel,
  options,
  onPick,
  className,
}: {
  id?: string;
  /** The accessible name, and the select's first line. */
  label: string;
  placeholder?: string;
  addLabel: string;
  options: { value: string; label: string }[];
  onPick: (value: string) => void;
  className?: string;
}) {
  const [typed, setTyped] = useState('');
  if (options.length > 0) {
    return (
      <NativeSelect
        id={id}
        aria-label={label}
        className={cn('min-w-0 flex-1', className)}
        value=""
        onChange={(event) => {
          if (event.target.value) onPick(event.target.value);
        }}
      >
        <option value="">{label}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    );
  }
  const add = () => {
    if (!typed.trim()) return;
    onPick(typed.trim());
    setTyped('');
  };
  return (
    <div className="flex min-w-0 flex-1 gap-2">
      <Input
        id={id}
        aria-label={label}
        placeholder={placeholder}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            add();
          }
        }}
      />
      <Button type="button" variant="outline" disabled={!typed.trim()} onClick={add}>
        <Plus aria-hidden />
        {addLabel}
      </Button>
    </div>
  );
}
