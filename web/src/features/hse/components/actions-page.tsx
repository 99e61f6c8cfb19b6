import { Link } from '@tanstack/react-router';
import { ListChecks, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { EmptyState } from '@/components/data/list-states';
import { LoadMore } from '@/components/data/load-more';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { buttonVariants } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { Tabs, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { ExportButton, ImportLink } from '@/features/import-export';
import { usePermissions } from '@/lib/auth/permissions';

import { useActions } from '../api/get-actions';
import { ACTION_STATUSES } from '../lib/actions';
import {
  ACTION_VIEWS,
  actionQuery,
  type ActionSearch,
  actionSearch,
  type ActionView,
} from '../lib/actions-search';
import { ActionItem } from './action-item';
import { HseListError } from './hse-off';

/**
 * The corrective and preventive actions (`/hse/actions`): the user's own by default,
 * the overdue ones, or all in their reach; the view and status are in the address.
 */
export function ActionsPage({
  search,
  onSearchChange,
}: {
  search: ActionSearch;
  onSearchChange: (next: ActionSearch) => void;
}) {
  const { t } = useTranslation('hse');
  const { can } = usePermissions();
  // "All" is worth a tab only to those who see more than their own.
  const views = ACTION_VIEWS.filter((view) => view !== 'all' || can('hse.view.action', 'company'));
  const view: ActionView = search.view && views.includes(search.view) ? search.view : 'mine';
  const query = actionQuery({ view, status: search.status });
  const actions = useActions(query);
  const rows = actions.data?.pages.flatMap((page) => page.items) ?? [];
  const set = (change: Record<string, unknown>) =>
    onSearchChange(actionSearch({ ...search, ...change }));

  return (
    <PageBody>
      <PageHeader
        title={t('actions.page.title')}
        description={t('actions.page.description')}
        actions={
          <>
            <Link to="/hse/incidents" className={buttonVariants({ variant: 'outline' })}>
              <TriangleAlert aria-hidden />
              {t('actions.page.incidents')}
            </Link>
            <ImportLink resource="hse.actions" />
            <ExportButton resource="hse.actions" filters={query} />
          </>
        }
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Tabs value={view} onValueChange={(value) => set({ view: value })}>
          <TabsList aria-label={t('actions.page.views')}>
            {views.map((candidate) => (
              <TabsTrigger key={candidate} value={candidate}>
                {t(`actions.page.view.${candidate}`)}
              </TabsTrigger>
            ))}
          </TabsList>
        </Tabs>
        <NativeSelect
          className="w-48"
          aria-label={t('actions.page.status_filter')}
          value={search.status ?? ''}
          onChange={(event) => set({ status: event.target.value })}
        >
          <option value="">{t('actions.page.any_status')}</option>
          {ACTION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`actions.status.${status}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="bg-card rounded-md border p-4">
        {actions.isPending ? (
          <div className="grid gap-3" aria-busy>
            <Skeleton className="h-14 w-full" />
            <Skeleton className="h-14 w-full" />
          </div>
        ) : actions.isError ? (
          <HseListError error={actions.error} onRetry={() => void actions.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState
            icon={ListChecks}
            title={t(`actions.page.empty.${view}`)}
            hint={search.status ? t('actions.page.empty.filtered') : undefined}
          />
        ) : (
          <ul className="divide-y">
            {rows.map((action) => (
              <ActionItem key={action.id} action={action} linkToIncident />
            ))}
          </ul>
        )}
      </div>
      <LoadMore
        hasNextPage={actions.hasNextPage}
        isFetchingNextPage={actions.isFetchingNextPage}
        fetchNextPage={actions.fetchNextPage}
      />
    </PageBody>
  );
}
