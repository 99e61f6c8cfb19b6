import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { cn } from '@/lib/utils';

import type { FieldOut, PreviewRow } from '../api/types';
import { cellProblems } from '../lib/preview';

/** A cell the server refused: red, its message as a tooltip (and read out). */
const INVALID = 'bg-red-50 text-red-900 shadow-[inset_0_0_0_1px] shadow-red-300';

/**
 * The file's first rows as they would be saved (values normalised), one column per
 * mapped field; a refused cell is red with the server's words on it.
 */
export function PreviewTable({ rows, fields }: { rows: PreviewRow[]; fields: FieldOut[] }) {
  const { t } = useTranslation('importExport');
  const id = useId();
  return (
    <section className="grid gap-2" aria-labelledby={`${id}-title`}>
      <div className="grid gap-0.5">
        <h3 id={`${id}-title`} className="text-sm font-semibold">
          {t('preview.rows.title')}
        </h3>
        <p id={`${id}-caption`} className="text-muted-foreground text-xs">
          {rows.length === 0
            ? t('preview.rows.empty')
            : t('preview.rows.caption', { count: rows.length })}
        </p>
      </div>
      {rows.length > 0 ? (
        <div className="rounded-md border">
          <Table aria-describedby={`${id}-caption`}>
            <TableHeader>
              <TableRow>
                <TableHead className="w-16">{t('preview.rows.line')}</TableHead>
                {fields.map((field) => (
                  <TableHead key={field.name} title={field.name}>
                    {field.label}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => {
                const cells = cellProblems(row);
                const rowError = cells.get(null);
                return (
                  <TableRow key={row.line} data-invalid={row.problems.length > 0 || undefined}>
                    <TableCell
                      className={cn(
                        'text-muted-foreground tabular-nums',
                        row.problems.length > 0 && 'font-medium text-red-700',
                        rowError && INVALID,
                      )}
                      title={rowError}
                      data-invalid={rowError ? true : undefined}
                    >
                      {row.line}
                      {rowError ? (
                        <span className="sr-only">
                          {' '}
                          {t('preview.rows.row_error', { message: rowError })}
                        </span>
                      ) : null}
                    </TableCell>
                    {fields.map((field) => {
                      const message = cells.get(field.name);
                      const value = row.values[field.name];
                      return (
                        <TableCell
                          key={field.name}
                          className={cn('py-1.5 whitespace-nowrap', message && INVALID)}
                          title={message}
                          data-invalid={message ? true : undefined}
                        >
                          {value ?? <span className="text-muted-foreground">—</span>}
                          {message ? (
                            <span className="sr-only">
                              {' '}
                              {t('preview.rows.cell_error', { message })}
                            </span>
                          ) : null}
                        </TableCell>
                      );
                    })}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}
