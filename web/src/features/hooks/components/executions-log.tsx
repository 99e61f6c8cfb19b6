import { ChevronDown, ChevronRight, History, RefreshCw } from 'lucide-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { useFormat } from '@/lib/i18n/format';

import { useHookExecutions, type HookExecution } from '../api/get-hook-executions';
import type { PlannedAction } from '../api/test-hook';
import { ActionOutcome } from './action-outcome';

const COLUMNS = 5;

/**
 * A run's log of actions: `{type, recipients}`, `{type, delivery_id}`, `{type, task, task_id}`,
 * `{type, produced}`.
 */
function RunActions({ run }: { run: HookExecution }) {
  const { t } = useTranslation('hooks');
  const actions = run.actions as unknown as Record<string, unknown>[];
  if (actions.length === 0) {
    return <p className="text-muted-foreground text-xs">{t('runs.no_actions')}</p>;
  }
  return (
    <div className="grid gap-2">
      {actions.map((logged, index) => {
        const { delivery_id: delivery, task_id: task, produced, ...rest } = logged;
        const action: PlannedAction = rest;
        const note =
          typeof delivery === 'string'
            ? t('runs.delivery', { id: delivery })
            : typeof task === 'string'
              ? t('runs.task_run', { id: task })
              : typeof produced === 'number'
                ? t('runs.produced', { count: produced })
                : null;
        return (
          <div key={index} className="grid gap-1">
            <ActionOutcome action={action} index={index} />
            {note ? <p className="text-muted-foreground pl-3 text-xs break-all">{note}</p> : null}
          </div>
        );
      })}
    </div>
  );
}

/** A hook's runs: when, on what, how it went, how long; each opens on what it saw and did. */
export function ExecutionsLog({ hookId }: { hookId: string }) {
  const { t } = useTranslation('hooks');
  const { t: ta } = useTranslation('admin');
  const format = useFormat();
  const runs = useHookExecutions(hookId);
  const [open, setOpen] = useState<string | null>(null);
  const rows = runs.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card aria-labelledby="runs-title">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle id="runs-title" className="flex items-center gap-2">
            <History className="size-5" aria-hidden />
            {t('runs.title')}
          </CardTitle>
          <CardDescription>{t('runs.hint')}</CardDescription>
        </div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          pending={runs.isRefetching && !runs.isFetchingNextPage}
          onClick={() => void runs.refetch()}
        >
          <RefreshCw aria-hidden />
          {t('runs.refresh')}
        </Button>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="rounded-md border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('runs.when')}</TableHead>
                <TableHead>{t('runs.result')}</TableHead>
                <TableHead>{t('runs.duration')}</TableHead>
                <TableHead className="hidden md:table-cell">{t('runs.event')}</TableHead>
                <TableHead>{t('runs.error')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {runs.isPending ? (
                <TableSkeleton columns={COLUMNS} />
              ) : runs.isError ? (
                <FullRow columns={COLUMNS}>
                  <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
                </FullRow>
              ) : rows.length === 0 ? (
                <FullRow columns={COLUMNS}>
                  <EmptyState icon={History} title={t('runs.empty')} hint={t('runs.empty_hint')} />
                </FullRow>
              ) : (
                rows.map((run) => {
                  const expanded = open === run.id;
                  const when = format.dateTime(run.created_at);
                  return (
                    <Fragment key={run.id}>
                      <TableRow>
                        <TableCell className="whitespace-nowrap">
                          <button
                            type="button"
                            className="flex items-center gap-1 hover:underline"
                            aria-expanded={expanded}
                            aria-label={t('runs.show', { when })}
                            onClick={() => setOpen(expanded ? null : run.id)}
                          >
                            {expanded ? (
                              <ChevronDown className="size-4" aria-hidden />
                            ) : (
                              <ChevronRight className="size-4" aria-hidden />
                            )}
                            <time dateTime={run.created_at}>{when}</time>
                          </button>
                        </TableCell>
                        <TableCell>
                          <Badge variant={run.success ? 'success' : 'destructive'}>
                            {run.success ? t('runs.success') : t('runs.failure')}
                          </Badge>
                        </TableCell>
                        <TableCell className="whitespace-nowrap">
                          {format.number(run.duration_ms)} ms
                        </TableCell>
                        <TableCell className="hidden font-mono text-xs md:table-cell">
                          {run.event_type}
                        </TableCell>
                        <TableCell className="text-destructive max-w-72 truncate text-xs">
                          <span title={run.error ?? undefined}>{run.error ?? ''}</span>
                        </TableCell>
                      </TableRow>
                      {expanded ? (
                        <TableRow className="hover:bg-transparent">
                          <TableCell colSpan={COLUMNS} className="bg-muted/30 whitespace-normal">
                            <div className="grid gap-4 lg:grid-cols-2">
                              <div className="grid content-start gap-2">
                                <h3 className="text-xs font-semibold">{t('runs.actions')}</h3>
                                {run.error ? (
                                  <p className="text-destructive text-xs break-words">
                                    {run.error}
                                  </p>
                                ) : null}
                                <RunActions run={run} />
                              </div>
                              <div className="grid min-w-0 content-start gap-2">
                                <h3 className="text-xs font-semibold">{t('runs.context')}</h3>
                                <pre className="bg-background max-h-72 overflow-auto rounded-md border p-2 text-xs">
                                  {JSON.stringify(run.context, null, 2)}
                                </pre>
                              </div>
                            </div>
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
        {runs.hasNextPage ? (
          <div className="flex justify-center">
            <Button
              variant="outline"
              pending={runs.isFetchingNextPage}
              onClick={() => void runs.fetchNextPage()}
            >
              {ta('list.load_more')}
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
