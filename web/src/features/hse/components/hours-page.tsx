import { Link } from '@tanstack/react-router';
import { Clock, LayoutDashboard } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, TableSkeleton } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { buttonVariants } from '@/components/ui/button';
import { Table, TableBody } from '@/components/ui/table';
import { usePermissions } from '@/lib/auth/permissions';

import { useHours } from '../api/get-hours';
import type { HoursRow } from '../lib/kpis';
import { addMonths, currentMonth, type PeriodSearch, resolvePeriod } from '../lib/period-search';
import { HoursForm } from './hours-form';
import { HoursImport } from './hours-import';
import { HoursTable } from './hours-table';
import { HseListError } from './hse-off';
import { PeriodFilters } from './period-filters';

/**
 * The hours worked per site and month (`/hse/hours`) that the rates divide by, filtered
 * by the address's period and site; HSE managers enter, correct and import them here.
 */
export function HoursPage({
  search,
  onSearchChange,
}: {
  search: PeriodSearch;
  onSearchChange: (next: PeriodSearch) => void;
}) {
  const { t } = useTranslation('hseKpi');
  const { can } = usePermissions();
  const manages = can('hse.manage.hours');
  const period = resolvePeriod(search);
  const hours = useHours(period);
  const [editing, setEditing] = useState<HoursRow | null>(null);
  const formTop = useRef<HTMLDivElement>(null);

  const edit = (row: HoursRow) => {
    setEditing(row);
    formTop.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <PageBody>
      <PageHeader
        title={t('hours.title')}
        description={t('hours.description')}
        actions={
          <Link to="/hse/dashboard" className={buttonVariants({ variant: 'outline' })}>
            <LayoutDashboard aria-hidden />
            {t('hours.dashboard')}
          </Link>
        }
      />
      {manages ? (
        <div ref={formTop} className="grid scroll-mt-4 items-start gap-4 lg:grid-cols-2">
          {/* Last month by default: hours are entered once a month is over. */}
          <HoursForm
            key={editing?.id ?? 'new'}
            row={editing}
            month={addMonths(currentMonth(), -1)}
          />
          <HoursImport />
        </div>
      ) : null}
      <PeriodFilters id="hours" search={search} period={period} onChange={onSearchChange} />
      <div className="bg-card @container rounded-md border">
        {hours.isPending ? (
          <Table>
            <TableBody>
              <TableSkeleton columns={5} />
            </TableBody>
          </Table>
        ) : hours.isError ? (
          <HseListError error={hours.error} onRetry={() => void hours.refetch()} />
        ) : hours.data.length === 0 ? (
          <EmptyState
            icon={Clock}
            title={t('hours.empty')}
            hint={manages ? t('hours.empty_hint') : t('hours.empty_hint_readonly')}
          />
        ) : (
          <HoursTable rows={hours.data} onEdit={manages ? edit : undefined} />
        )}
      </div>
    </PageBody>
  );
}
