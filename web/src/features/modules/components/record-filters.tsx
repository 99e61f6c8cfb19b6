import { X } from 'lucide-react';
import { useId } from 'react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { cn } from '@/lib/utils';

import type { FieldDef, RecordType } from '../api/get-modules';
import { filterFields, type FilterValues, isRange } from '../lib/filter-params';
import { labelOf } from '../lib/labels';
import { LinkInput } from './link-input';

type Props = {
  module: string;
  recordType: RecordType;
  values: FilterValues;
  onChange: (values: FilterValues) => void;
  state: string;
  onStateChange: (state: string) => void;
};

/** A range filter: from and to, each named for screen readers. */
function RangeFilter({
  id,
  field,
  label,
  values,
  set,
}: {
  id: string;
  field: FieldDef;
  label: string;
  values: FilterValues;
  set: (name: string, value: string) => void;
}) {
  const { t } = useTranslation('modules');
  const numeric = field.type === 'number' || field.type === 'money';
  const input = (name: string, aria: string) => (
    <Input
      id={name.endsWith('_from') ? id : undefined}
      aria-label={aria}
      type={numeric ? 'text' : 'date'}
      inputMode={numeric ? 'decimal' : undefined}
      className="min-w-0 flex-1"
      value={values[name] ?? ''}
      onChange={(event) => set(name, event.target.value)}
    />
  );
  return (
    <div className="flex items-center gap-1.5">
      {input(`${field.code}_from`, t('records.from', { label }))}
      <span className="text-muted-foreground" aria-hidden>
        –
      </span>
      {input(`${field.code}_to`, t('records.to', { label }))}
    </div>
  );
}

/**
 * The list's filters, one per field the type lists in `filters` (a list for a choice
 * or yes/no, a range for numbers and dates, a picker for a link), and the workflow state.
 */
export function RecordFilters({
  module,
  recordType,
  values,
  onChange,
  state,
  onStateChange,
}: Props) {
  const { t, i18n } = useTranslation('modules');
  const id = useId();
  const set = (name: string, value: string) => onChange({ ...values, [name]: value });
  const fields = filterFields(recordType);
  const active = state !== '' || Object.values(values).some((value) => value.trim() !== '');
  const states = recordType.workflow?.states ?? [];
  if (fields.length === 0 && states.length === 0) return null;

  return (
    <div
      role="group"
      aria-label={t('records.filters')}
      className="bg-card grid gap-3 rounded-md border p-3 sm:grid-cols-2 lg:grid-cols-4"
    >
      {states.length > 0 ? (
        <div className="grid content-start gap-1.5">
          <Label htmlFor={`${id}-state`}>{t('records.state')}</Label>
          <NativeSelect
            id={`${id}-state`}
            value={state}
            onChange={(event) => onStateChange(event.target.value)}
          >
            <option value="">{t('records.any')}</option>
            {states.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {labelOf(entry.label, i18n.language)}
              </option>
            ))}
          </NativeSelect>
        </div>
      ) : null}
      {fields.map((field) => {
        const label = labelOf(field.label, i18n.language);
        const controlId = `${id}-${field.code}`;
        let control: React.ReactNode;
        if (field.type === 'choice') {
          control = (
            <NativeSelect
              id={controlId}
              value={values[field.code] ?? ''}
              onChange={(event) => set(field.code, event.target.value)}
            >
              <option value="">{t('records.any')}</option>
              {(field.choices ?? []).map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {labelOf(choice.label, i18n.language)}
                </option>
              ))}
            </NativeSelect>
          );
        } else if (field.type === 'boolean') {
          control = (
            <NativeSelect
              id={controlId}
              value={values[field.code] ?? ''}
              onChange={(event) => set(field.code, event.target.value)}
            >
              <option value="">{t('records.any')}</option>
              <option value="true">{t('records.yes')}</option>
              <option value="false">{t('records.no')}</option>
            </NativeSelect>
          );
        } else if (isRange(field)) {
          control = (
            <RangeFilter id={controlId} field={field} label={label} values={values} set={set} />
          );
        } else if (field.type === 'link') {
          control = (
            <LinkInput
              id={controlId}
              module={module}
              field={field}
              value={values[field.code] ?? ''}
              onChange={(value) => set(field.code, value)}
            />
          );
        } else {
          control = (
            <Input
              id={controlId}
              value={values[field.code] ?? ''}
              onChange={(event) => set(field.code, event.target.value)}
            />
          );
        }
        return (
          <div
            key={field.code}
            className={cn(
              'grid content-start gap-1.5',
              // Two inputs: a range takes two columns.
              isRange(field) && 'sm:col-span-2',
            )}
          >
            <Label htmlFor={controlId}>{label}</Label>
            {control}
          </div>
        );
      })}
      {active ? (
        <div className="flex items-end sm:col-span-2 lg:col-span-4 lg:justify-end">
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              onChange({});
              onStateChange('');
            }}
          >
            <X aria-hidden />
            {t('records.clear_filters')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
