import type { LucideIcon } from 'lucide-react';
import { Inbox, TriangleAlert } from 'lucide-react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { TableCell, TableRow } from '@/components/ui/table';
import { problemMessage } from '@/lib/forms/apply-problem';

/** Placeholder rows while a table's first page loads (keeps the layout from jumping). */
export function TableSkeleton({ rows = 3, columns }: { rows?: number; columns: number }) {
  const { t } = useTranslation();
  return (
    <>
      {Array.from({ length: rows }, (_, row) => (
        <TableRow key={row} aria-hidden={row > 0}>
          {Array.from({ length: columns }, (_, column) => (
            <TableCell key={column}>
              {row === 0 && column === 0 ? (
                <span className="sr-only">{t('common.loading')}</span>
              ) : null}
              <Skeleton className="h-4 w-full max-w-40" />
            </TableCell>
          ))}
        </TableRow>
      ))}
    </>
  );
}

/** A list with nothing in it: say what would be here, and how to get some. */
export function EmptyState({
  icon: Icon = Inbox,
  title,
  hint,
  action,
}: {
  icon?: LucideIcon;
  title: string;
  hint?: string;
  action?: React.ReactNode;
}) {
  return (
    <div className="flex flex-col items-center gap-2 px-4 py-10 text-center">
      <Icon className="text-muted-foreground size-8" aria-hidden />
      <p className="font-medium">{title}</p>
      {hint ? <p className="text-muted-foreground max-w-sm text-sm">{hint}</p> : null}
      {action}
    </div>
  );
}

/** A list that failed to load: the problem in words, and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="flex flex-col items-center gap-2 px-4 py-10 text-center">
      <TriangleAlert className="text-destructive size-8" aria-hidden />
      <p className="font-medium">{t('errors.load_failed')}</p>
      <p className="text-muted-foreground max-w-sm text-sm">{problemMessage(error)}</p>
      <Button variant="outline" size="sm" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </div>
  );
}

/** A table row spanning every column, for the empty and error states. */
export function FullRow({ columns, children }: { columns: number; children: React.ReactNode }) {
  return (
    <TableRow className="hover:bg-transparent">
      <TableCell colSpan={columns}>{children}</TableCell>
    </TableRow>
  );
}
