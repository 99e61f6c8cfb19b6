import { Braces } from 'lucide-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';

import { insertPlaceholder } from '../lib/actions';
import type { SchemaField } from '../lib/schema-fields';

/**
 * A templated text of an action (`Incident #{id}`), with a menu that puts an event
 * field's placeholder where the caret is.
 */
export function TemplateInput({
  id,
  label,
  value,
  onChange,
  fields,
  multiline = false,
  rows = 3,
  hint,
  error,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  fields: SchemaField[];
  multiline?: boolean;
  /** Height of the multiline input. */
  rows?: number;
  hint?: string;
  error?: string | undefined;
  placeholder?: string;
}) {
  const { t } = useTranslation('hooks');
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  // Where the caret was when the menu took the focus.
  const selection = useRef<[number, number] | null>(null);
  const remember = () => {
    const element = input.current;
    if (element) selection.current = [element.selectionStart ?? 0, element.selectionEnd ?? 0];
  };
  const insert = (path: string) => {
    const [start, end] = selection.current ?? [value.length, value.length];
    const next = insertPlaceholder(value, path, start, end);
    onChange(next.text);
    requestAnimationFrame(() => {
      const element = input.current;
      if (!element) return;
      element.focus();
      element.setSelectionRange(next.caret, next.caret);
    });
  };
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  const control = {
    id,
    ref: input,
    value,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    onSelect: remember,
    onBlur: remember,
  };
  return (
    <div className="grid gap-1.5">
      <div className="flex items-end justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="h-7 px-2"
              aria-label={t('actions.insert_into', { label })}
              disabled={fields.length === 0}
              onPointerDown={remember}
            >
              <Braces aria-hidden />
              <span className="hidden sm:inline">{t('actions.insert_field')}</span>
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end" className="max-h-72 overflow-y-auto">
            {fields.map((field) => (
              <DropdownMenuItem
                key={field.path}
                className="font-mono text-xs"
                onSelect={() => insert(field.path)}
              >
                {`{${field.path}}`}
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
      {multiline ? (
        <Textarea {...control} rows={rows} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <Input {...control} onChange={(event) => onChange(event.target.value)} />
      )}
      {hint ? (
        <p id={`${id}-hint`} className="text-muted-foreground text-xs">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-destructive text-xs font-medium">
          {error}
        </p>
      ) : null}
    </div>
  );
}
