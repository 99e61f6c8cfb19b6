import { NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

import type { Config } from '../lib/actions';
import type { SchemaField } from '../lib/schema-fields';

/** What every action type's editor gets from `ActionEditor`. */
export type EditorProps = {
  id: string;
  config: Config;
  set: (key: string, value: unknown) => void;
  /** Replaces the whole config; `paramsText` is the JSON editor's text (left as is when not given). */
  update: (config: Config, paramsText?: string) => void;
  paramsText: string | undefined;
  fields: SchemaField[];
  error: (control: string) => string | undefined;
};

export const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function Message({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="text-destructive text-xs font-medium">
      {message}
    </p>
  );
}

/** A select with its label and the server's message for it. */
export function SelectField({
  id,
  label,
  error,
  hint,
  children,
  ...props
}: React.ComponentProps<typeof NativeSelect> & {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: React.ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="grid content-start gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...props}
      >
        {children}
      </NativeSelect>
      {hint ? (
        <div id={`${id}-hint`} className="text-muted-foreground text-xs">
          {hint}
        </div>
      ) : null}
      <Message id={`${id}-error`} message={error} />
    </div>
  );
}
