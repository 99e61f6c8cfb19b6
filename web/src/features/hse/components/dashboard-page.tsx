import { Link } from '@tanstack/react-router';
import { Clock, SearchX, TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { buttonVariants } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Tabs, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { usePermissions } from '@/lib/auth/permissions';

import { useKpis } from '../api/get-kpis';
import { type Population, POPULATIONS } from '../lib/kpis';
import { type PeriodSearch, resolvePeriod } from '../lib/period-search';
import { HseListError } from './hse-off';
import { KpiCharts, KpiChartsSkeleton } from './kpi-charts';
import { KpiTiles, KpiTilesSkeleton } from './kpi-tiles';
import { PeriodFilters } from './period-filters';

/**
 * The HSE indicators (`/hse/dashboard`) of a period and site, both in the address:
 * rates on the hours worked, actions to do, and the incidents charted.
 */
export function DashboardPage({
  search,
  onSearchChange,
}: {
  search: PeriodSearch;
  onSearchChange: (next: PeriodSearch) => void;
}) {
  const { t } = useTranslation('hseKpi');
  const { t: tCommon } = useTranslation();
  const { can } = usePermissions();
  const [population, setPopulation] = useState<Population>('all');
  const period = resolvePeriod(search);
  const kpis = useKpis(period);

  return (
    <PageBody>
      <PageHeader
        title={t('dashboard.title')}
        description={t('dashboard.description')}
        actions={
          <>
            {can('hse.view.incident') ? (
              <Link to="/hse/incidents" className={buttonVariants({ variant: 'outline' })}>
                <TriangleAlert aria-hidden />
                {t('dashboard.incidents')}
              </Link>
            ) : null}
            <Link to="/hse/hours" className={buttonVariants({ variant: 'outline' })}>
              <Clock aria-hidden />
              {t('dashboard.hours_link')}
            </Link>
          </>
        }
      />
      <PeriodFilters id="kpi" search={search} period={period} onChange={onSearchChange} />
      {kpis.isPending ? (
        <>
          <span className="sr-only" role="status">
            {tCommon('common.loading')}
          </span>
          <KpiTilesSkeleton />
          <KpiChartsSkeleton />
        </>
      ) : kpis.isError ? (
        <Card>
          <HseListError error={kpis.error} onRetry={() => void kpis.refetch()} />
        </Card>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Tabs value={population} onValueChange={(value) => setPopulation(value as Population)}>
              <TabsList aria-label={t('dashboard.population')}>
                {POPULATIONS.map((value) => (
                  <TabsTrigger key={value} value={value}>
                    {t(`dashboard.populations.${value}`)}
                  </TabsTrigger>
                ))}
              </TabsList>
            </Tabs>
            <p className="text-muted-foreground text-sm">
              {t('dashboard.total', { count: kpis.data.incidents })}
            </p>
          </div>
          {kpis.data.rates[population].hours === 0 ? (
            <Alert variant="warning" className="flex-wrap">
              <Clock aria-hidden />
              <span>{t('dashboard.no_hours')}</span>
              <Link to="/hse/hours" className="font-medium underline underline-offset-4">
                {t('dashboard.enter_hours')}
              </Link>
            </Alert>
          ) : null}
          <KpiTiles kpis={kpis.data} population={population} />
          {kpis.data.incidents === 0 ? (
            <Card>
              <EmptyState
                icon={SearchX}
                title={t('dashboard.empty')}
                hint={t('dashboard.empty_hint')}
              />
            </Card>
          ) : (
            <KpiCharts kpis={kpis.data} />
          )}
        </>
      )}
    </PageBody>
  );
}
