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

import type { InstallFailure } from '../lib/install-failure';

/**
 * A refused package: why, in our words and the server's, and for a manifest that does
 * not follow the schema, one row per problem at its JSON pointer.
 */
export function ValidationReport({
  failure,
  onDismiss,
}: {
  failure: InstallFailure;
  onDismiss: () => void;
}) {
  const { t } = useTranslation('modules');
  return (
    <section
      role="alert"
      aria-label={t('install.report')}
      className="grid gap-3 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900"
    >
      <div className="flex items-start gap-2">
        <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <div className="grid min-w-0 flex-1 gap-0.5">
          <p className="font-medium break-words">{failure.title}</p>
          <p>{failure.message}</p>
          {failure.detail ? (
            <p className="text-xs break-words text-red-800/90">{failure.detail}</p>
          ) : null}
        </div>
        <Button
          size="icon"
          variant="ghost"
          className="size-7 text-red-900 hover:bg-red-100"
          aria-label={t('install.dismiss')}
          onClick={onDismiss}
        >
          <X aria-hidden />
        </Button>
      </div>
      {failure.report.length > 0 ? (
        <div className="rounded-md border border-red-200 bg-white text-neutral-900">
          <Table>
            <caption className="caption-top px-3 py-2 text-left text-xs font-medium text-red-900">
              {t('install.report_count', { count: failure.report.length })}
            </caption>
            <TableHeader>
              <TableRow>
                <TableHead className="w-2/5">{t('install.columns.where')}</TableHead>
                <TableHead>{t('install.columns.problem')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {failure.report.map((row, index) => (
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
