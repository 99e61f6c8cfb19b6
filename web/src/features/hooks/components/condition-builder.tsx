import { FolderPlus, Plus, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
import { cn } from '@/lib/utils';

import {
  defaultValue,
  emptyGroup,
  newRow,
  operatorsFor,
  updateItem,
  type ConditionGroup,
  type ConditionItem,
  type ConditionRow,
  type Operator,
} from '../lib/conditions';
import { findField, type SchemaField } from '../lib/schema-fields';
import { OperandInput } from './operand-input';

export type FieldErrors = Record<string, string>;

type Props = {
  root: ConditionGroup;
  onChange: (root: ConditionGroup) => void;
  fields: SchemaField[];
  errors: FieldErrors;
  /** Rows the user left half filled in, flagged once they try to save. */
  incomplete: ReadonlySet<string>;
};

/**
 * Conditions as rows (field, operator, value) in a top-level "all"/"any" group, with
 * groups one level down for mixing them. The field list comes from the event's schema;
 * each field offers the operators and the value input its type allows.
 */
export function ConditionBuilder({ root, onChange, fields, errors, incomplete }: Props) {
  const { t } = useTranslation('hooks');
  const change = (id: string, next: (item: ConditionItem) => ConditionItem | null) =>
    onChange(updateItem(root, id, next));
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor="conditions-mode" className="font-medium">
          {t('conditions.mode_label')}
        </label>
        <NativeSelect
          id="conditions-mode"
          className="w-auto"
          value={root.mode}
          onChange={(event) => onChange({ ...root, mode: event.target.value as 'all' | 'any' })}
        >
          <option value="all">{t('conditions.mode_all')}</option>
          <option value="any">{t('conditions.mode_any')}</option>
        </NativeSelect>
      </div>
      {root.items.length === 0 ? (
        <p className="text-muted-foreground text-sm">{t('conditions.none')}</p>
      ) : (
        <Items
          items={root.items}
          fields={fields}
          errors={errors}
          incomplete={incomplete}
          change={change}
          nested={false}
        />
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={() => onChange({ ...root, items: [...root.items, newRow()] })}
        >
          <Plus aria-hidden />
          {t('conditions.add_row')}
        </Button>
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={() =>
            onChange({
              ...root,
              items: [
                ...root.items,
                { ...emptyGroup(root.mode === 'all' ? 'any' : 'all'), items: [newRow()] },
              ],
            })
          }
        >
          <FolderPlus aria-hidden />
          {t('conditions.add_group')}
        </Button>
      </div>
    </div>
  );
}

type ItemsProps = {
  items: ConditionItem[];
  fields: SchemaField[];
  errors: FieldErrors;
  incomplete: ReadonlySet<string>;
  change: (id: string, next: (item: ConditionItem) => ConditionItem | null) => void;
  nested: boolean;
};

function Items({ items, nested, ...props }: ItemsProps) {
  return (
    <ul className="grid gap-2">
      {items.map((item) => (
        <li key={item.id}>
          {item.kind === 'row' ? (
            <RowEditor row={item} {...props} />
          ) : (
            <GroupBox group={item} nested={nested} {...props} />
          )}
        </li>
      ))}
    </ul>
  );
}

function GroupBox({
  group,
  nested,
  ...props
}: Omit<ItemsProps, 'items'> & { group: ConditionGroup }) {
  const { t } = useTranslation('hooks');
  const { change, errors } = props;
  const error = errors[`condition:${group.id}:value`] ?? errors[`condition:${group.id}:field`];
  return (
    <div className={cn('bg-muted/40 grid gap-2 rounded-md border p-3', nested && 'bg-background')}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={`group-${group.id}`} className="font-medium">
          {t('conditions.group_label')}
        </label>
        <NativeSelect
          id={`group-${group.id}`}
          className="h-8 w-auto"
          value={group.mode}
          onChange={(event) =>
            change(group.id, (item) => ({ ...item, mode: event.target.value }) as ConditionGroup)
          }
        >
          <option value="all">{t('conditions.group_all')}</option>
          <option value="any">{t('conditions.group_any')}</option>
        </NativeSelect>
        <div className="flex-1" />
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label={t('conditions.remove_group')}
          title={t('conditions.remove_group')}
          onClick={() => change(group.id, () => null)}
        >
          <X aria-hidden />
        </Button>
      </div>
      {group.items.length === 0 ? (
        <p className="text-muted-foreground text-xs">{t('conditions.empty_group')}</p>
      ) : (
        <Items items={group.items} nested {...props} />
      )}
      {error ? (
        <p role="alert" className="text-destructive text-xs font-medium">
          {error}
        </p>
      ) : null}
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={() =>
            change(
              group.id,
              (item) =>
                ({
                  ...item,
                  items: [...(item as ConditionGroup).items, newRow()],
                }) as ConditionGroup,
            )
          }
        >
          <Plus aria-hidden />
          {t('conditions.add_row')}
        </Button>
      </div>
    </div>
  );
}

/** The select's value for a path: the field itself, or the map it falls under. */
function pickerValue(fields: SchemaField[], path: string) {
  if (!path || fields.some((field) => field.path === path)) return { picked: path, key: null };
  const parent = fields.find((field) => field.open && path.startsWith(`${field.path}.`));
  if (parent) return { picked: parent.path, key: path.slice(parent.path.length + 1) };
  return { picked: path, key: null };
}

function RowEditor({
  row,
  fields,
  errors,
  incomplete,
  change,
}: Omit<ItemsProps, 'items' | 'nested'> & { row: ConditionRow }) {
  const { t } = useTranslation('hooks');
  const field = row.field ? findField(fields, row.field) : undefined;
  const unknown = row.field !== '' && !field;
  const ops = operatorsFor(field);
  const { picked, key } = pickerValue(fields, row.field);
  const pickedField = fields.find((candidate) => candidate.path === picked);
  const base = `cond-${row.id}`;
  const messages = {
    field:
      errors[`condition:${row.id}:field`] ?? (unknown ? t('conditions.unknown_field') : undefined),
    operator: errors[`condition:${row.id}:operator`],
    value:
      errors[`condition:${row.id}:value`] ??
      (incomplete.has(row.id) ? t('conditions.incomplete') : undefined),
  };
  const describedBy = (part: keyof typeof messages) =>
    messages[part] ? `${base}-${part}-error` : undefined;
  const update = (next: Partial<ConditionRow>) =>
    change(row.id, (item) => ({ ...(item as ConditionRow), ...next }));

  const pickField = (path: string) => {
    const next = path ? findField(fields, path) : undefined;
    const allowed = operatorsFor(next);
    const op: Operator = allowed.includes(row.op) ? row.op : (allowed[0] ?? 'eq');
    update({ field: path, op, value: defaultValue(next, op) });
  };
  const pickOperator = (op: Operator) => {
    const listChange =
      (op === 'in' || op === 'not_in') !== (row.op === 'in' || row.op === 'not_in');
    const reset = listChange || op === 'exists' || row.op === 'exists';
    update({ op, value: reset ? defaultValue(field, op) : row.value });
  };

  return (
    <div className="grid gap-1">
      <div className="grid gap-2 sm:grid-cols-[minmax(0,1.3fr)_minmax(0,1fr)_minmax(0,1.3fr)_auto] sm:items-start">
        <div className="grid gap-2">
          <NativeSelect
            id={`${base}-field`}
            aria-label={t('conditions.field')}
            aria-invalid={messages.field ? true : undefined}
            aria-describedby={describedBy('field')}
            className="font-mono text-xs"
            value={picked}
            onChange={(event) => pickField(event.target.value)}
          >
            <option value="">{t('conditions.field_placeholder')}</option>
            {unknown && !key ? <option value={row.field}>{row.field}</option> : null}
            {fields.map((candidate) => (
              <option key={candidate.path} value={candidate.path} title={candidate.description}>
                {candidate.path}
              </option>
            ))}
          </NativeSelect>
          {pickedField?.open ? (
            <Input
              aria-label={t('conditions.sub_path')}
              className="h-8 font-mono text-xs"
              placeholder={t('conditions.sub_path_placeholder')}
              value={key ?? ''}
              onChange={(event) =>
                update({
                  field: event.target.value.trim()
                    ? `${pickedField.path}.${event.target.value.trim()}`
                    : pickedField.path,
                })
              }
            />
          ) : null}
        </div>
        <NativeSelect
          id={`${base}-op`}
          aria-label={t('conditions.operator')}
          aria-invalid={messages.operator ? true : undefined}
          aria-describedby={describedBy('operator')}
          value={row.op}
          onChange={(event) => pickOperator(event.target.value as Operator)}
        >
          {(ops.includes(row.op) ? ops : [row.op, ...ops]).map((op) => (
            <option key={op} value={op}>
              {t(`conditions.ops.${op}`)}
            </option>
          ))}
        </NativeSelect>
        <OperandInput
          key={`${row.field}|${row.op}`}
          id={`${base}-value`}
          aria-label={t('conditions.value')}
          aria-invalid={messages.value ? true : undefined}
          aria-describedby={describedBy('value')}
          field={field}
          op={row.op}
          value={row.value}
          onChange={(value) => update({ value })}
        />
        <Button
          type="button"
          variant="ghost"
          size="icon"
          aria-label={t('conditions.remove_row')}
          title={t('conditions.remove_row')}
          onClick={() => change(row.id, () => null)}
        >
          <X aria-hidden />
        </Button>
      </div>
      {(['field', 'operator', 'value'] as const).map((part) =>
        messages[part] ? (
          <p
            key={part}
            id={`${base}-${part}-error`}
            role="alert"
            className="text-destructive text-xs font-medium"
          >
            {messages[part]}
          </p>
        ) : null,
      )}
    </div>
  );
}
