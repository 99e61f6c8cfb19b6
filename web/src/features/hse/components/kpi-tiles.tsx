import { Link } from '@tanstack/react-router';
import { ArrowRight } from 'lucide-react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';

import { Skeleton } from '@/components/ui/skeleton';
import { useFormat } from '@/lib/i18n/format';
import { cn } from '@/lib/utils';

import { type Kpis, type Population, RATES } from '../lib/kpis';

function Tile({
  label,
  title,
  value,
  danger = false,
  children,
}: {
  label: string;
  /** The indicator's full name, for an acronym label. */
  title?: string;
  value: string;
  danger?: boolean;
  children?: React.ReactNode;
}) {
  return (
    <div
      className={cn(
        'bg-card grid min-w-0 content-start gap-1 rounded-lg border p-3 md:p-4',
        danger && 'border-red-300 bg-red-50 text-red-900',
      )}
    >
      <dt className={cn('text-sm font-medium', danger ? 'text-red-900' : 'text-muted-foreground')}>
        {title ? <abbr title={title}>{label}</abbr> : label}
      </dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
      {children ? <dd className="text-muted-foreground text-xs">{children}</dd> : null}
    </div>
  );
}

const tileLink = 'inline-flex items-center gap-1 font-medium underline-offset-4 hover:underline';

/**
 * The period's rates for one population, the actions to do now (overdue in red, a
 * link to them), and the hours worked the rates divide by. A rate without hours is "—".
 */
export function KpiTiles({ kpis, population }: { kpis: Kpis; population: Population }) {
  const { t } = useTranslation('hseKpi');
  const format = useFormat();
  const rates = kpis.rates[population];
  const decimal = (value: number) =>
    value.toLocaleString(format.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const hours = (value: number) => format.number(Math.round(value));
  const overdue = kpis.actions.overdue;

  return (
    <dl aria-label={t('dashboard.tiles_label')} className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {RATES.map(({ key, cases, base }) => {
        const value = rates[key];
        return (
          <Tile
            key={key}
            label={t(`dashboard.rates.${key}`)}
            title={t(`dashboard.rate_names.${key}`)}
            value={value == null ? '—' : decimal(value)}
          >
            {value == null ? t('dashboard.no_rate') : t(`dashboard.${base}`)}
            <br />
            {t(`dashboard.cases.${cases}`, { count: rates[cases] })}
          </Tile>
        );
      })}
      <Tile label={t('dashboard.hours')} value={hours(rates.hours)}>
        {population === 'all'
          ? t('dashboard.hours_split', {
              employees: hours(kpis.rates.employees.hours),
              contractors: hours(kpis.rates.contractors.hours),
            })
          : t(`dashboard.populations.${population}`)}
      </Tile>
      <Tile label={t('dashboard.open_actions')} value={format.number(kpis.actions.open)}>
        {t('dashboard.actions_now')} ·{' '}
        <Link to="/hse/actions" className={tileLink}>
          {t('dashboard.see_actions')}
        </Link>
      </Tile>
      <Tile
        label={t('dashboard.overdue_actions')}
        value={format.number(overdue)}
        danger={overdue > 0}
      >
        {overdue > 0 ? (
          <Link
            to="/hse/actions"
            search={{ view: 'overdue' }}
            className={cn(tileLink, 'text-red-900')}
          >
            {t('dashboard.see_overdue')}
            <ArrowRight className="size-3" aria-hidden />
          </Link>
        ) : (
          t('dashboard.actions_now')
        )}
      </Tile>
    </dl>
  );
}

/** Eight grey tiles while the indicators load (the layout does not jump). */
export function KpiTilesSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4" aria-hidden>
      {Array.from({ length: 8 }, (_, index) => (
        <Skeleton key={index} className="h-28 w-full" />
      ))}
    </div>
  );
}
