import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Checkbox } from '@/components/ui/checkbox';
import { Input, NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

import type { Operator } from '../lib/conditions';
import type { JsonKind, Scalar, SchemaField } from '../lib/schema-fields';
import { formatList, formatOperand, parseList, parseOperand } from '../lib/values';

type ControlProps = {
  id: string;
  'aria-label': string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
};

/** A select over a few JSON values (an enum, true/false), keyed by their JSON text. */
function ValueSelect({
  values,
  labels,
  value,
  onChange,
  ...control
}: ControlProps & {
  values: Scalar[];
  labels?: string[];
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation('hooks');
  const current = value === undefined ? '' : JSON.stringify(value);
  return (
    <NativeSelect
      {...control}
      value={current}
      onChange={(event) =>
        onChange(
          event.target.value === '' ? undefined : (JSON.parse(event.target.value) as unknown),
        )
      }
    >
      {value === undefined ? <option value="">{t('conditions.value')}</option> : null}
      {values.map((choice, index) => (
        <option key={JSON.stringify(choice)} value={JSON.stringify(choice)}>
          {labels?.[index] ?? String(choice)}
        </option>
      ))}
    </NativeSelect>
  );
}

/** Typed text (a number, a string, a JSON literal), kept as typed while it is edited. */
function TextOperand({
  kinds,
  list,
  value,
  onChange,
  integer,
  placeholder,
  ...control
}: ControlProps & {
  kinds: JsonKind[];
  list: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
  integer?: boolean;
  placeholder?: string;
}) {
  const format = () => (list ? formatList(value, kinds) : formatOperand(value, kinds));
  const [text, setText] = useState(format);
  const numeric = !list && kinds.filter((kind) => kind !== 'null').join() === 'number';
  return (
    <Input
      {...control}
      inputMode={numeric ? (integer ? 'numeric' : 'decimal') : undefined}
      placeholder={placeholder}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(
          list ? parseList(event.target.value, kinds) : parseOperand(event.target.value, kinds),
        );
      }}
    />
  );
}

/** Ticks for `in` / `not_in` over an enum. */
function EnumChoices({
  id,
  values,
  value,
  onChange,
  'aria-label': label,
}: ControlProps & { values: Scalar[]; value: unknown; onChange: (value: unknown) => void }) {
  const chosen: unknown[] = Array.isArray(value) ? (value as unknown[]) : [];
  return (
    <div
      role="group"
      aria-label={label}
      id={id}
      className="flex min-h-9 flex-wrap gap-x-4 gap-y-2 py-1"
    >
      {values.map((choice) => {
        const key = JSON.stringify(choice);
        const checked = chosen.some((item) => JSON.stringify(item) === key);
        return (
          <div key={key} className="flex items-center gap-2">
            <Checkbox
              id={`${id}-${key}`}
              checked={checked}
              onCheckedChange={(on) =>
                onChange(
                  on ? [...chosen, choice] : chosen.filter((item) => JSON.stringify(item) !== key),
                )
              }
            />
            <Label htmlFor={`${id}-${key}`} className="font-mono text-xs font-normal">
              {String(choice)}
            </Label>
          </div>
        );
      })}
    </div>
  );
}

/** The value of a condition, with the input its field's type and operator call for. */
export function OperandInput({
  field,
  op,
  value,
  onChange,
  ...control
}: ControlProps & {
  field: SchemaField | undefined;
  op: Operator;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation('hooks');
  const kinds = field?.kinds ?? [];
  if (op === 'exists') {
    return (
      <ValueSelect
        {...control}
        values={[true, false]}
        labels={[t('conditions.present'), t('conditions.absent')]}
        value={value}
        onChange={onChange}
      />
    );
  }
  const list = op === 'in' || op === 'not_in';
  // `contains` looks into an array's items (or a string's text).
  const itemKinds =
    op === 'contains' && field?.items && kinds.includes('array') ? field.items.kinds : kinds;
  const choices = op === 'contains' ? field?.items?.enum : field?.enum;
  if (choices && choices.length > 0) {
    return list ? (
      <EnumChoices {...control} values={choices} value={value} onChange={onChange} />
    ) : (
      <ValueSelect {...control} values={choices} value={value} onChange={onChange} />
    );
  }
  if (!list && itemKinds.filter((kind) => kind !== 'null').join() === 'boolean') {
    return (
      <ValueSelect
        {...control}
        values={[true, false]}
        labels={[t('conditions.true'), t('conditions.false')]}
        value={value}
        onChange={onChange}
      />
    );
  }
  const example = field?.example;
  return (
    <TextOperand
      {...control}
      kinds={itemKinds}
      list={list}
      integer={field?.integer}
      value={value}
      onChange={onChange}
      placeholder={
        list
          ? t('conditions.list_hint')
          : typeof example === 'string' || typeof example === 'number'
            ? String(example)
            : undefined
      }
    />
  );
}
