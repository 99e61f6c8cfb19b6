import { HardDrive } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { EmptyState, ErrorState } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { useFormat } from '@/lib/i18n/format';
import { cn } from '@/lib/utils';

import { usePurposes } from '../api/get-purposes';
import { useUsage, type Usage } from '../api/get-usage';
import { formatSize, percentUsed } from '../lib/format-size';

const COLORS = ['#0f4c81', '#2f9e8f', '#e0a030', '#8a5cc2', '#d05a5a', '#5b6678'];
const NEARLY_FULL = 90;

function UsageSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="grid gap-6" aria-busy>
      <span className="sr-only" role="status">
        {t('common.loading')}
      </span>
      <Skeleton className="h-40 w-full" />
      <Skeleton className="h-72 w-full" />
    </div>
  );
}

function QuotaCard({ usage }: { usage: Usage }) {
  const { t, i18n } = useTranslation('files');
  const format = useFormat();
  const percent = percentUsed(usage.used_bytes, usage.quota_bytes);
  const shown = percent > 0 && percent < 1 ? '<1' : format.number(Math.round(percent));
  const size = (bytes: number) => formatSize(bytes, i18n.language);
  const facts: [string, string][] = [
    [t('storage.files'), format.number(usage.files)],
    [t('storage.quota'), size(usage.quota_bytes)],
    [t('storage.free'), size(Math.max(0, usage.quota_bytes - usage.used_bytes))],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('storage.used')}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <p className="text-2xl font-semibold tabular-nums">
            {t('storage.used_of', { used: size(usage.used_bytes), quota: size(usage.quota_bytes) })}
          </p>
          <p className="text-muted-foreground text-lg tabular-nums">
            {t('storage.percent', { percent: shown })}
          </p>
        </div>
        <div
          role="meter"
          aria-label={t('storage.used')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(percent)}
          aria-valuetext={t('storage.bar_label', { percent: shown })}
          className="bg-muted h-3 overflow-hidden rounded-full"
        >
          <div
            className={cn(
              'h-full rounded-full',
              percent >= NEARLY_FULL
                ? 'bg-destructive'
                : percent >= 75
                  ? 'bg-amber-500'
                  : 'bg-primary',
            )}
            // A sliver stays visible for a quota barely touched.
            style={{ width: `${usage.used_bytes > 0 ? Math.max(percent, 0.75) : 0}%` }}
          />
        </div>
        {percent >= NEARLY_FULL ? (
          <Alert variant="warning">{t('storage.nearly_full')}</Alert>
        ) : null}
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          {facts.map(([term, value]) => (
            <div key={term} className="bg-muted/50 rounded-md border px-3 py-2">
              <dt className="text-muted-foreground text-xs">{term}</dt>
              <dd className="text-lg font-medium tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}

function PurposeCard({ usage }: { usage: Usage }) {
  const { t, i18n } = useTranslation('files');
  const format = useFormat();
  const purposes = usePurposes();
  const label = (code: string) => {
    const info = purposes.data?.purposes.find((entry) => entry.code === code);
    if (!info) return code;
    return i18n.language === 'en' ? info.label_en : info.label_fr;
  };
  const rows = usage.by_purpose
    .map((entry) => ({ ...entry, label: label(entry.purpose) }))
    .sort((a, b) => b.bytes - a.bytes);
  const size = (bytes: number) => formatSize(bytes, i18n.language);

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('storage.by_purpose')}</CardTitle>
        <CardDescription>{t('storage.by_purpose_hint')}</CardDescription>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <EmptyState icon={HardDrive} title={t('storage.empty')} hint={t('storage.empty_hint')} />
        ) : (
          <div className="grid items-center gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <figure aria-label={t('storage.chart_label')} className="h-64 min-w-0">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#dfe4ea" />
                  <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} />
                  <YAxis
                    tickFormatter={(value: number) => size(value)}
                    tickLine={false}
                    axisLine={false}
                    fontSize={12}
                    width={72}
                  />
                  <Tooltip
                    cursor={{ fill: '#f1f5f9' }}
                    formatter={(value) => [size(Number(value)), t('storage.columns.size')]}
                  />
                  <Bar dataKey="bytes" radius={[4, 4, 0, 0]} maxBarSize={64}>
                    {rows.map((row, index) => (
                      <Cell key={row.purpose} fill={COLORS[index % COLORS.length]} />
                    ))}
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            </figure>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t('storage.columns.purpose')}</TableHead>
                  <TableHead className="text-right">{t('storage.columns.files')}</TableHead>
                  <TableHead className="text-right">{t('storage.columns.size')}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((row, index) => (
                  <TableRow key={row.purpose}>
                    <TableCell>
                      <span className="flex items-center gap-2">
                        <span
                          aria-hidden
                          className="size-2.5 shrink-0 rounded-sm"
                          style={{ background: COLORS[index % COLORS.length] }}
                        />
                        {row.label}
                      </span>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      {format.number(row.files)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{size(row.bytes)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

/** The company's storage: used against the quota, and what each kind of file takes. */
export function StoragePage() {
  const { t } = useTranslation('files');
  const usage = useUsage();
  return (
    <PageBody>
      <PageHeader title={t('storage.title')} description={t('storage.description')} />
      {usage.isPending ? (
        <UsageSkeleton />
      ) : usage.isError ? (
        <Card>
          <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />
        </Card>
      ) : (
        <>
          <QuotaCard usage={usage.data} />
          <PurposeCard usage={usage.data} />
        </>
      )}
    </PageBody>
  );
}
