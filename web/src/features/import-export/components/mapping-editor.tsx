import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { NativeSelect } from '@/components/ui/input';

import type { FieldOut, Mapping } from '../api/types';

/**
 * One select per column of the file: the field it feeds, or "ignored". A change asks for
 * the preview again; the selects stay (and keep the focus) while it runs.
 */
export function MappingEditor({
  columns,
  mapping,
  fields,
  missing,
  onChange,
}: {
  columns: string[];
  mapping: Mapping;
  fields: FieldOut[];
  /** Required fields no column feeds: their option is marked. */
  missing: string[];
  onChange: (column: string, field: string | null) => void;
}) {
  const { t } = useTranslation('importExport');
  const id = useId();
  return (
    <section className="grid gap-3" aria-labelledby={`${id}-title`}>
      <div className="grid gap-1">
        <h3 id={`${id}-title`} className="text-sm font-semibold">
          {t('preview.mapping.title')}
        </h3>
        <p className="text-muted-foreground text-sm">{t('preview.mapping.hint')}</p>
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {columns.map((column, index) => {
          const value = mapping[column] ?? '';
          return (
            <li key={column} className="grid gap-1.5">
              <label
                htmlFor={`${id}-${index}`}
                className="truncate font-mono text-xs font-medium"
                title={column}
              >
                {column}
              </label>
              <NativeSelect
                id={`${id}-${index}`}
                aria-label={t('preview.mapping.select_label', { column })}
                value={value}
                className={value === '' ? 'text-muted-foreground' : undefined}
                onChange={(event) => onChange(column, event.target.value || null)}
              >
                <option value="">{t('preview.mapping.ignored')}</option>
                {fields.map((field) => (
                  <option key={field.name} value={field.name}>
                    {field.required
                      ? t('preview.mapping.required', { label: field.label })
                      : field.label}
                    {missing.includes(field.name) ? ' ⚠' : ''}
                  </option>
                ))}
              </NativeSelect>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
