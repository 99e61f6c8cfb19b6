import type * as React from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useFormat } from '@/lib/i18n/format';

import { INCIDENT_TYPES, SEVERITIES, type Severity, STATUSES } from '../lib/incident';
import type { Kpis } from '../lib/kpis';
import { SEVERITY_FILLS, STATUS_FILLS } from './incident-badges';

const GRID = '#dfe4ea';
const BAR = '#0f4c81';
const AXIS = { tickLine: false, axisLine: false, fontSize: 12 } as const;
/** Long site names are cut on the axis (the tooltip has them whole). */
const LABEL_CHARS = 18;

function ChartCard({
  title,
  className,
  children,
}: {
  title: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Card className={className}>
      <CardHeader>
        <CardTitle className="text-base">{title}</CardTitle>
      </CardHeader>
      <CardContent>
        <figure aria-label={title} className="min-w-0">
          {children}
        </figure>
      </CardContent>
    </Card>
  );
}

type CountRow = { key: string; label: string; count: number; fill: string };

/** One horizontal bar per row: long labels read on a phone, unlike under a column. */
function CountBars({ rows }: { rows: CountRow[] }) {
  const { t } = useTranslation('hseKpi');
  const format = useFormat();
  const short = (label: string) =>
    label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label;
  return (
    <div style={{ height: rows.length * 36 + 24 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke={GRID} />
          <XAxis type="number" allowDecimals={false} {...AXIS} />
          <YAxis type="category" dataKey="label" width={136} tickFormatter={short} {...AXIS} />
          <Tooltip
            cursor={{ fill: '#f1f5f9' }}
            formatter={(value) => [format.number(Number(value)), t('dashboard.charts.incidents')]}
          />
          <Bar dataKey="count" radius={[0, 4, 4, 0]} maxBarSize={24} isAnimationActive={false}>
            {rows.map((row) => (
              <Cell key={row.key} fill={row.fill} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Incidents by month stacked by severity, and by type, site and status. */
export function KpiCharts({ kpis }: { kpis: Kpis }) {
  const { t } = useTranslation('hseKpi');
  const { t: tHse } = useTranslation('hse');
  const format = useFormat();
  const monthName = new Intl.DateTimeFormat(format.locale, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });
  const months = kpis.by_month.map(({ month, by_severity }) => ({
    month: monthName.format(new Date(`${month}-01T00:00:00Z`)),
    ...Object.fromEntries(SEVERITIES.map((severity) => [severity, by_severity[severity] ?? 0])),
  }));
  const types = INCIDENT_TYPES.map((type) => ({
    key: type,
    label: tHse(`types.${type}`),
    count: kpis.by_type[type] ?? 0,
    fill: BAR,
  }));
  const sites = kpis.by_site.map((site) => ({
    key: site.site_id ?? 'none',
    label: site.name ?? t('dashboard.charts.no_site'),
    count: site.total,
    fill: BAR,
  }));
  // Drafts are not counted: an incident counts from its submission.
  const statuses = STATUSES.filter((status) => status !== 'draft').map((status) => ({
    key: status,
    label: tHse(`status.${status}`),
    count: kpis.by_status[status] ?? 0,
    fill: STATUS_FILLS[status],
  }));

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard title={t('dashboard.charts.by_month')} className="lg:col-span-2">
        <div className="h-72">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={months} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID} />
              <XAxis dataKey="month" {...AXIS} minTickGap={8} />
              <YAxis allowDecimals={false} {...AXIS} />
              <Tooltip cursor={{ fill: '#f1f5f9' }} />
              {/* Mildest first, as the badges and filters list them; words in the text colour. */}
              <Legend
                iconType="square"
                itemSorter={(item) => SEVERITIES.indexOf(item.dataKey as Severity)}
                wrapperStyle={{ fontSize: 12 }}
                formatter={(value: string) => <span className="text-foreground">{value}</span>}
              />
              {SEVERITIES.map((severity) => (
                <Bar
                  key={severity}
                  dataKey={severity}
                  name={tHse(`severity.${severity}`)}
                  stackId="severity"
                  fill={SEVERITY_FILLS[severity]}
                  maxBarSize={40}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </ChartCard>
      <ChartCard title={t('dashboard.charts.by_type')}>
        <CountBars rows={types} />
      </ChartCard>
      <ChartCard title={t('dashboard.charts.by_status')}>
        <CountBars rows={statuses} />
      </ChartCard>
      <ChartCard title={t('dashboard.charts.by_site')} className="lg:col-span-2">
        <CountBars rows={sites} />
      </ChartCard>
    </div>
  );
}

/** Grey blocks where the charts will be. */
export function KpiChartsSkeleton() {
  return (
    <div className="grid gap-4 lg:grid-cols-2" aria-hidden>
      <Skeleton className="h-80 w-full lg:col-span-2" />
      <Skeleton className="h-64 w-full" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
