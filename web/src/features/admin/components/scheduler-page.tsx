import { Clock } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { usePermissions } from '@/lib/auth/permissions';

import { useSchedulerJobs } from '../api/get-scheduler-jobs';
import { useNow } from '../lib/use-now';
import { JobRow } from './job-row';

/**
 * The platform's periodic jobs: when each runs, how its last run went, its history,
 * and a manual run for those who may (`scheduler.run.job` at scope `all`).
 */
export function SchedulerPage() {
  const { t } = useTranslation('scheduler');
  const { can } = usePermissions();
  const jobs = useSchedulerJobs();
  const now = useNow(5_000);
  const [open, setOpen] = useState<string | null>(null);
  const canRun = can('scheduler.run.job', 'all');
  const columns = canRun ? 5 : 4;

  return (
    <PageBody>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('columns.job')}</TableHead>
              <TableHead className="hidden lg:table-cell">{t('columns.schedule')}</TableHead>
              <TableHead>{t('columns.next_run')}</TableHead>
              <TableHead>{t('columns.last_run')}</TableHead>
              {canRun ? (
                <TableHead className="text-right">
                  <span className="sr-only">{t('columns.actions')}</span>
                </TableHead>
              ) : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {jobs.isPending ? (
              <TableSkeleton columns={columns} />
            ) : jobs.isError ? (
              <FullRow columns={columns}>
                <ErrorState error={jobs.error} onRetry={() => void jobs.refetch()} />
              </FullRow>
            ) : jobs.data.length === 0 ? (
              <FullRow columns={columns}>
                <EmptyState icon={Clock} title={t('empty')} hint={t('empty_hint')} />
              </FullRow>
            ) : (
              jobs.data.map((job) => (
                <JobRow
                  key={job.name}
                  job={job}
                  now={now}
                  expanded={open === job.name}
                  onToggle={() => setOpen(open === job.name ? null : job.name)}
                  canRun={canRun}
                  columns={columns}
                />
              ))
            )}
          </TableBody>
        </Table>
      </div>
    </PageBody>
  );
}
