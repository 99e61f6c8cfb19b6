import { CircleAlert, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';

import type { Refusal } from '../lib/package-refusal';

/**
 * A refused package operation: why, in our words and the server's, and for a manifest
 * that does not follow the schema, one row per problem at its JSON pointer. Named
 * `label` for assistive technologies ("Validation report" by default).
 */
export function RefusalReport({
  refusal,
  label,
  onDismiss,
}: {
  refusal: Refusal;
  label?: string;
  onDismiss: () => void;
}) {
  const { t } = useTranslation('modules');
  return (
    <section
      role="alert"
      aria-label={label ?? t('report.label')}
      className="grid gap-3 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900"
    >
      <div className="flex items-start gap-2">
        <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <div className="grid min-w-0 flex-1 gap-0.5">
          <p className="font-medium break-words">{refusal.title}</p>
          <p>{refusal.message}</p>
          {refusal.detail ? (
            <p className="text-xs break-words text-red-800/90">{refusal.detail}</p>
          ) : null}
        </div>
        <Button
          size="icon"
          variant="ghost"
          className="size-7 text-red-900 hover:bg-red-100"
          aria-label={t('report.dismiss')}
          onClick={onDismiss}
        >
          <X aria-hidden />
        </Button>
      </div>
      {refusal.report.length > 0 ? (
        <div className="rounded-md border border-red-200 bg-white text-neutral-900">
          <Table>
            <caption className="caption-top px-3 py-2 text-left text-xs font-medium text-red-900">
              {t('report.count', { count: refusal.report.length })}
            </caption>
            <TableHeader>
              <TableRow>
                <TableHead className="w-2/5">{t('report.columns.where')}</TableHead>
                <TableHead>{t('report.columns.problem')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {refusal.report.map((row, index) => (
                <TableRow key={`${row.where}-${index}`}>
                  <TableCell className="align-top">
                    <code className="font-mono text-xs break-all">{row.where}</code>
                  </TableCell>
                  <TableCell className="align-top break-words whitespace-normal">
                    {row.problem}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}
