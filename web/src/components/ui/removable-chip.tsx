import { X, type LucideIcon } from 'lucide-react';
import type * as React from 'react';

/**
 * A chosen value shown as a chip with a button to remove it (a record's person or
 * site). The button carries `id`, so a field's `<label htmlFor>` reaches it.
 */
export function RemovableChip({
  icon: Icon,
  children,
  title,
  removeLabel,
  onRemove,
  id,
  buttonRef,
  'aria-describedby': describedBy,
}: {
  icon: LucideIcon;
  children: React.ReactNode;
  /** The whole value on hover (an id, a full name). */
  title?: string;
  removeLabel: string;
  onRemove: () => void;
  id?: string;
  buttonRef?: React.Ref<HTMLButtonElement>;
  'aria-describedby'?: string;
}) {
  return (
    <div className="flex min-h-9 items-center">
      <span
        className="bg-secondary text-secondary-foreground inline-flex max-w-full items-center gap-1 rounded-full py-0.5 pr-1 pl-2.5 text-sm font-medium"
        title={title}
      >
        <Icon className="size-3.5 shrink-0" aria-hidden />
        <span className="truncate">{children}</span>
        <button
          ref={buttonRef}
          type="button"
          id={id}
          aria-describedby={describedBy}
          className="hover:bg-background/70 focus-visible:ring-ring rounded-full p-0.5 focus-visible:ring-2 focus-visible:outline-none"
          aria-label={removeLabel}
          onClick={onRemove}
        >
          <X className="size-3" aria-hidden />
        </button>
      </span>
    </div>
  );
}
