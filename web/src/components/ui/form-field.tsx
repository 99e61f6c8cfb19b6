import type * as React from 'react';
import type { FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

import { translateIfExists } from '@/lib/i18n';
import { cn } from '@/lib/utils';

import { Label } from './label';

type FieldControlProps = {
  id: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
};

type FormFieldProps = {
  label: React.ReactNode;
  /** A stable id; the label, hint and error are tied to the control through it. */
  id: string;
  error?: FieldError | undefined;
  hint?: React.ReactNode;
  className?: string;
  /** Receives the accessibility props to spread on the input. */
  children: (control: FieldControlProps) => React.ReactNode;
};

/**
 * Label + control + hint + error, wired for screen readers: the error is announced and
 * linked with `aria-describedby`. Server field errors land here through `setError`.
 */
export function FormField({ label, id, error, hint, className, children }: FormFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={cn('grid gap-1.5', className)}>
      <Label htmlFor={id}>{label}</Label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint ? (
        <div id={hintId} className="text-muted-foreground text-xs">
          {hint}
        </div>
      ) : null}
      <FieldErrorText id={errorId} message={error?.message} />
    </div>
  );
}

/**
 * A field's error under it, announced: a Zod message (an i18n key) in words, or the
 * API's own words. For controls `FormField` does not lay out (a group, a pair).
 */
export function FieldErrorText({ id, message }: { id?: string; message?: string | undefined }) {
  useTranslation();
  if (!message) return null;
  return (
    <p id={id} role="alert" className="text-destructive text-xs font-medium">
      {translateIfExists(message) ?? message}
    </p>
  );
}

/** An error about the whole form (not one field), shown above the submit button. */
export function FormError({ message }: { message?: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-destructive text-sm font-medium">
      {message}
    </p>
  );
}
