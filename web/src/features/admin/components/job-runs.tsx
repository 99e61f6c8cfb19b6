import { useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { useMe } from '@/lib/auth/me';
import { usePermissions } from '@/lib/auth/permissions';
import { useFormat } from '@/lib/i18n/format';

import type { useJobRuns } from '../api/get-job-runs';
import { userQueryOptions } from '../api/get-user';
import type { Run } from '../lib/runs';
import { LoadMore } from '@/components/data/load-more';
import { RunStatusBadge, TriggerBadge, useRunFacts } from './run-status';

const COLUMNS = 5;
/** A scheduled run that started this much after its slot is worth saying so (a catch-up). */
const LATE_MS = 60_000;

/** Who asked for a manual run: "by Demo Admin" (their name when we may read it). */
function TriggeredBy({ userId }: { userId: string }) {
  const { t } = useTranslation('scheduler');
  const me = useMe();
  const { can } = usePermissions();
  const self = me.user.id === userId;
  const user = useQuery({ ...userQueryOptions(userId), enabled: !self && can('users.view.user') });
  const name = self ? me.user.full_name : (user.data?.full_name ?? userId.slice(0, 8));
  return <div className="text-muted-foreground text-xs">{t('by', { name })}</div>;
}

function RunRows({ run, now }: { run: Run; now: number }) {
  const { t } = useTranslation('scheduler');
  const format = useFormat();
  const facts = useRunFacts();
  const late =
    run.trigger === 'schedule' &&
    run.slot_at &&
    new Date(run.started_at).getTime() - new Date(run.slot_at).getTime() > LATE_MS;
  return (
    <>
      <TableRow className={run.error ? 'border-b-0' : undefined}>
        <TableCell className="whitespace-nowrap">
          {format.dateTime(run.started_at)}
          {late ? (
            <div className="text-muted-foreground text-xs">
              {t('slot', { when: format.dateTime(run.slot_at) })}
            </div>
          ) : null}
        </TableCell>
        <TableCell>
          <TriggerBadge trigger={run.trigger} />
          {run.trigger === 'manual' && run.triggered_by ? (
            <TriggeredBy userId={run.triggered_by} />
          ) : null}
        </TableCell>
        <TableCell>
          <RunStatusBadge run={run} now={now} />
        </TableCell>
        <TableCell className="text-right tabular-nums">
          {run.affected === null || run.affected === undefined ? '—' : format.number(run.affected)}
        </TableCell>
        <TableCell className="text-right whitespace-nowrap tabular-nums">
          {facts.duration(run, now) ?? '—'}
        </TableCell>
      </TableRow>
      {run.error ? (
        <TableRow className="hover:bg-transparent">
          <TableCell colSpan={COLUMNS} className="pt-0">
            <p className="text-destructive font-mono text-xs break-words whitespace-pre-wrap">
              <span className="sr-only">{t('runs.error_prefix')}</span>
              {run.error}
            </p>
          </TableCell>
        </TableRow>
      ) : null}
    </>
  );
}

/** One job's runs, newest first, scheduled and manual, a page at a time. */
export function JobRuns({
  id,
  runs,
  now,
}: {
  id: string;
  runs: ReturnType<typeof useJobRuns>;
  now: number;
}) {
  const { t } = useTranslation('scheduler');
  const items = runs.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-3">
      <h2 id={`${id}-title`} className="text-sm font-medium">
        {t('runs.title')}
      </h2>
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('runs.started')}</TableHead>
              <TableHead>{t('runs.trigger')}</TableHead>
              <TableHead>{t('runs.status')}</TableHead>
              <TableHead className="text-right">{t('runs.affected')}</TableHead>
              <TableHead className="text-right">{t('runs.duration')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {runs.isPending ? (
              <TableSkeleton columns={COLUMNS} rows={2} />
            ) : runs.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
              </FullRow>
            ) : items.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState icon={History} title={t('runs.empty')} />
              </FullRow>
            ) : (
              items.map((run) => <RunRows key={run.id} run={run} now={now} />)
            )}
          </TableBody>
        </Table>
      </div>
      <LoadMore
        hasNextPage={runs.hasNextPage}
        isFetchingNextPage={runs.isFetchingNextPage}
        fetchNextPage={runs.fetchNextPage}
      />
    </section>
  );
}
