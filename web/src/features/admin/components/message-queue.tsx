import { ChevronDown, ChevronRight, Inbox, RotateCw } from 'lucide-react';
import { Fragment, useState } from 'react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/input';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import { LoadMore } from '@/components/data/load-more';

export type QueuedMessage = {
  id: string;
  status: string;
  attempts: number;
  max_attempts: number;
  created_at: string;
  last_error?: string | null;
};

const STATUS_VARIANT: Record<string, 'success' | 'warning' | 'destructive' | 'secondary'> = {
  sent: 'success',
  delivered: 'success',
  queued: 'secondary',
  sending: 'warning',
  pending: 'secondary',
  failed: 'destructive',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('admin');
  const known = ['queued', 'sending', 'sent', 'failed', 'pending', 'delivered'];
  return (
    <Badge variant={STATUS_VARIANT[status] ?? 'outline'}>
      {known.includes(status) ? t(`queue.status.${status as 'sent'}`) : status}
    </Badge>
  );
}

type InfiniteList<T> = {
  data: { pages: { items: T[] }[] } | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

/**
 * A delivery queue (emails, SMS, push): status filter, one row per message with its
 * tries on demand, resend when allowed.
 */
export function MessageQueue<T extends QueuedMessage>({
  list,
  statuses,
  status,
  onStatus,
  columns,
  tries,
  resend,
}: {
  list: InfiniteList<T>;
  statuses: readonly string[];
  status: string;
  onStatus: (status: string) => void;
  columns: { head: string; cell: (row: T) => React.ReactNode }[];
  /** The tries of an expanded row. */
  tries: (row: T) => React.ReactNode;
  /** Absent without the manage permission. */
  resend?: { mutate: (id: string, options: object) => void; isPending: boolean };
}) {
  const { t } = useTranslation('admin');
  const format = useFormat();
  const [open, setOpen] = useState<string | null>(null);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const width = columns.length + 4;

  return (
    <div className="grid gap-4">
      <NativeSelect
        className="w-56"
        aria-label={t('queue.status_filter')}
        value={status}
        onChange={(event) => onStatus(event.target.value)}
      >
        <option value="">{t('queue.any_status')}</option>
        {statuses.map((value) => (
          <option key={value} value={value}>
            {t(`queue.status.${value as 'sent'}`)}
          </option>
        ))}
      </NativeSelect>
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('queue.created')}</TableHead>
              {columns.map((column) => (
                <TableHead key={column.head}>{column.head}</TableHead>
              ))}
              <TableHead>{t('queue.status_filter')}</TableHead>
              <TableHead>{t('queue.tries')}</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">{t('tokens.columns.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.isPending ? (
              <TableSkeleton columns={width} />
            ) : list.isError ? (
              <FullRow columns={width}>
                <ErrorState error={list.error} onRetry={() => void list.refetch()} />
              </FullRow>
            ) : rows.length === 0 ? (
              <FullRow columns={width}>
                <EmptyState
                  icon={Inbox}
                  title={t('queue.empty')}
                  hint={status ? t('list.empty_filtered') : undefined}
                />
              </FullRow>
            ) : (
              rows.map((row) => {
                const expanded = open === row.id;
                return (
                  <Fragment key={row.id}>
                    <TableRow>
                      <TableCell className="whitespace-nowrap">
                        <button
                          type="button"
                          className="flex items-center gap-1 hover:underline"
                          aria-expanded={expanded}
                          aria-label={t('queue.show_tries')}
                          onClick={() => setOpen(expanded ? null : row.id)}
                        >
                          {expanded ? (
                            <ChevronDown className="size-4" aria-hidden />
                          ) : (
                            <ChevronRight className="size-4" aria-hidden />
                          )}
                          {format.dateTime(row.created_at)}
                        </button>
                      </TableCell>
                      {columns.map((column) => (
                        <TableCell key={column.head} className="max-w-72">
                          {column.cell(row)}
                        </TableCell>
                      ))}
                      <TableCell>
                        <StatusBadge status={row.status} />
                      </TableCell>
                      <TableCell>
                        {row.attempts}/{row.max_attempts}
                      </TableCell>
                      <TableCell className="text-right">
                        {resend ? (
                          <Button
                            variant="ghost"
                            size="sm"
                            disabled={resend.isPending}
                            onClick={() =>
                              resend.mutate(row.id, {
                                onSuccess: () => toast.success(t('queue.resent')),
                                onError: (error: unknown) => toast.error(problemMessage(error)),
                              })
                            }
                          >
                            <RotateCw aria-hidden />
                            {t('queue.resend')}
                          </Button>
                        ) : null}
                      </TableCell>
                    </TableRow>
                    {expanded ? (
                      <TableRow className="hover:bg-transparent">
                        <TableCell colSpan={width} className="bg-muted/30">
                          {row.last_error ? (
                            <p className="text-destructive mb-2 text-xs break-all">
                              {row.last_error}
                            </p>
                          ) : null}
                          {tries(row)}
                        </TableCell>
                      </TableRow>
                    ) : null}
                  </Fragment>
                );
              })
            )}
          </TableBody>
        </Table>
      </div>
      <LoadMore
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </div>
  );
}
