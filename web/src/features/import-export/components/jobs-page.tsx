import { Link } from '@tanstack/react-router';
import { ListChecks, Upload } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { LoadMore } from '@/components/data/load-more';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { buttonVariants } from '@/components/ui/button';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/components/ui/table';

import { useResources } from '../api/get-resources';
import { useTasks } from '../api/get-tasks';
import { JobRow } from './job-row';

const COLUMNS = 5;

/**
 * The caller's tasks (`/jobs`): imports, their previews, exports and HSE reports, newest
 * first, with their progress while they run (the list refreshes meanwhile) and their files
 * once done.
 */
export function JobsPage() {
  const { t } = useTranslation('importExport');
  const tasks = useTasks();
  const resources = useResources();
  const rows = tasks.data?.pages.flatMap((page) => page.items) ?? [];
  const labels = new Map((resources.data ?? []).map((resource) => [resource.name, resource.label]));
  const resourceLabel = (name: string) => labels.get(name) ?? name;
  const mayImport = (resources.data ?? []).some((resource) => resource.importable);

  return (
    <PageBody>
      <PageHeader
        title={t('jobs.title')}
        description={t('jobs.description')}
        actions={
          mayImport ? (
            <Link to="/imports/new" className={buttonVariants({ variant: 'outline' })}>
              <Upload aria-hidden />
              {t('jobs.new_import')}
            </Link>
          ) : null
        }
      />
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('jobs.columns.task')}</TableHead>
              <TableHead>{t('jobs.columns.status')}</TableHead>
              <TableHead>{t('jobs.columns.created')}</TableHead>
              <TableHead className="hidden md:table-cell">{t('jobs.columns.finished')}</TableHead>
              <TableHead className="text-right">{t('jobs.columns.actions')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tasks.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : tasks.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
              </FullRow>
            ) : rows.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState icon={ListChecks} title={t('jobs.empty')} hint={t('jobs.empty_hint')} />
              </FullRow>
            ) : (
              rows.map((task) => <JobRow key={task.id} task={task} resourceLabel={resourceLabel} />)
            )}
          </TableBody>
        </Table>
      </div>
      <LoadMore
        hasNextPage={tasks.hasNextPage}
        isFetchingNextPage={tasks.isFetchingNextPage}
        fetchNextPage={tasks.fetchNextPage}
      />
    </PageBody>
  );
}
