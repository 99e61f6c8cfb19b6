import { Link } from '@tanstack/react-router';
import { ListChecks, Plus, SearchX, ShieldCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { EmptyState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { LoadMore } from '@/components/data/load-more';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Button, buttonVariants } from '@/components/ui/button';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { ExportButton as DataExportButton } from '@/features/import-export';
import { useDebounced } from '@/hooks/use-debounced';
import { usePermissions } from '@/lib/auth/permissions';
import { useFormat } from '@/lib/i18n/format';

import { useIncidents } from '../api/get-incidents';
import { incidentQuery, isFiltered, type IncidentSearch } from '../lib/list-search';
import { ExportButton } from './export-button';
import { HseListError, isHseOff } from './hse-off';
import { IncidentFilters } from './incident-filters';
import { IncidentRow, MEDIUM, WIDE } from './incident-row';

const COLUMNS = 5;

function ReportButton() {
  const { t } = useTranslation('hse');
  return (
    <Button asChild>
      <Link to="/hse/incidents/new">
        <Plus aria-hidden />
        {t('list.report')}
      </Link>
    </Button>
  );
}

/**
 * The incidents in the user's reach (`/hse/incidents`), filtered by what the address
 * says: a filtered list is a link one can share.
 */
export function IncidentsPage({
  search,
  onSearchChange,
}: {
  search: IncidentSearch;
  onSearchChange: (next: IncidentSearch) => void;
}) {
  const { t } = useTranslation('hse');
  const { can } = usePermissions();
  const format = useFormat();
  const mayReport = can('hse.create.incident');
  // The address follows each keystroke; the server only the pauses.
  const q = useDebounced(search.q ?? '');
  const query = incidentQuery({ ...search, q: q || undefined }, format.timeZone);
  const incidents = useIncidents(query);
  const rows = incidents.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = isFiltered(search);
  // Nothing reported yet: say what the page is for instead of an empty table.
  const firstUse =
    incidents.isSuccess && rows.length === 0 && !filtered && !incidents.isPlaceholderData;
  // HSE off for the company: no filters, no buttons, just why.
  const off = incidents.isError && isHseOff(incidents.error);
  // The list knows how many incidents it keeps once its last page is in (and is not the last filter's).
  const count =
    incidents.isSuccess && !incidents.hasNextPage && !incidents.isPlaceholderData
      ? rows.length
      : undefined;

  return (
    <PageBody>
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          off ? null : (
            <>
              {can('hse.view.action') ? (
                <Link to="/hse/actions" className={buttonVariants({ variant: 'outline' })}>
                  <ListChecks aria-hidden />
                  {t('list.my_actions')}
                </Link>
              ) : null}
              {can('hse.export.report') && !firstUse ? (
                <ExportButton query={query} filtered={filtered} count={count} />
              ) : null}
              {/* The rows as data (CSV, Excel, JSON), beside the report; shown when the server allows it. */}
              {firstUse ? null : (
                <DataExportButton
                  resource="hse.incidents"
                  filters={query}
                  label={t('list.export_data')}
                />
              )}
              {mayReport && !firstUse ? <ReportButton /> : null}
            </>
          )
        }
      />
      {off ? (
        <div className="bg-card rounded-md border">
          <HseListError error={incidents.error} onRetry={() => void incidents.refetch()} />
        </div>
      ) : firstUse ? (
        <div className="bg-card rounded-md border">
          <EmptyState
            icon={ShieldCheck}
            title={t('list.empty.title')}
            hint={mayReport ? t('list.empty.hint') : t('list.empty.hint_readonly')}
            action={
              mayReport ? (
                <div className="pt-2">
                  <ReportButton />
                </div>
              ) : null
            }
          />
        </div>
      ) : (
        <>
          <IncidentFilters search={search} onChange={onSearchChange} />
          {/* The columns follow the list's own width (container queries), not the window's. */}
          <div className="bg-card @container rounded-md border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t('list.columns.incident')}</TableHead>
                  <TableHead>{t('list.columns.severity')}</TableHead>
                  <TableHead className={WIDE}>{t('list.columns.type')}</TableHead>
                  <TableHead>{t('list.columns.status')}</TableHead>
                  <TableHead className={MEDIUM}>{t('list.columns.occurred_at')}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {incidents.isPending ? (
                  <TableSkeleton columns={COLUMNS} />
                ) : incidents.isError ? (
                  <FullRow columns={COLUMNS}>
                    <HseListError
                      error={incidents.error}
                      onRetry={() => void incidents.refetch()}
                    />
                  </FullRow>
                ) : rows.length === 0 ? (
                  <FullRow columns={COLUMNS}>
                    <EmptyState
                      icon={SearchX}
                      title={t('list.empty.filtered')}
                      action={
                        <Button variant="outline" size="sm" onClick={() => onSearchChange({})}>
                          {t('list.empty.clear')}
                        </Button>
                      }
                    />
                  </FullRow>
                ) : (
                  rows.map((incident) => <IncidentRow key={incident.id} incident={incident} />)
                )}
              </TableBody>
            </Table>
          </div>
          <LoadMore
            hasNextPage={incidents.hasNextPage}
            isFetchingNextPage={incidents.isFetchingNextPage}
            fetchNextPage={incidents.fetchNextPage}
          />
        </>
      )}
    </PageBody>
  );
}
