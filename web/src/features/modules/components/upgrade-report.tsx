import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';
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

import type { Module } from '../api/get-modules';
import type { UpgradeReport as Report } from '../api/upgrade-package';
import { labelOf } from '../lib/labels';
import { upgradeProblem } from '../lib/upgrade-problem';

/** One count of the report, large enough to read at a glance. */
function Total({ term, value, tone }: { term: string; value: number; tone?: 'good' | 'bad' }) {
  const format = useFormat();
  return (
    <div className="rounded-md border p-3">
      <dt className="text-muted-foreground text-xs font-medium">{term}</dt>
      <dd
        className={cn(
          'text-2xl font-semibold tabular-nums',
          tone === 'good' && value > 0 && 'text-emerald-700',
          tone === 'bad' && value > 0 && 'text-red-700',
        )}
      >
        {format.number(value)}
      </dd>
    </div>
  );
}

/**
 * What an upgrade does, or would do, to a package's records: the versions, how many
 * records move and how many do not validate (per type when there are several), each of
 * those with its problems in words, and the permissions the new version takes away.
 */
export function UpgradeReport({ report, module }: { report: Report; module: Module }) {
  const { t, i18n } = useTranslation('modules');
  const format = useFormat();
  const typeOf = (code: string) => module.record_types.find((type) => type.code === code);
  const typeLabel = (code: string) => labelOf(typeOf(code)?.label_plural, i18n.language) || code;
  const records = report.record_types.reduce((sum, type) => sum + type.records, 0);
  const valid = report.record_types.reduce((sum, type) => sum + type.valid, 0);
  const invalid = report.record_types.reduce((sum, type) => sum + type.invalid_count, 0);
  const failing = report.record_types.filter((type) => type.invalid.length > 0);
  const shown = failing.reduce((sum, type) => sum + type.invalid.length, 0);
  const validTerm = t(
    report.dry_run ? 'upgrade.totals.valid_dry_run' : 'upgrade.totals.valid_applied',
  );

  const section = useRef<HTMLElement>(null);

  // The report replaces what had focus (the drop zone, the apply button): it takes it,
  // so keyboard and screen reader users land on what the server answered.
  useEffect(() => section.current?.focus(), [report]);

  return (
    <section
      ref={section}
      tabIndex={-1}
      aria-label={t('upgrade.report')}
      className="grid gap-4 outline-none"
    >
      <div className="flex flex-wrap items-center gap-2">
        <p className="font-medium">
          {t('upgrade.versions', { from: report.from_version, to: report.to_version })}
        </p>
        <Badge variant={report.dry_run ? 'warning' : 'success'}>
          {t(report.dry_run ? 'upgrade.dry_run' : 'upgrade.applied')}
        </Badge>
      </div>
      <dl className="grid grid-cols-3 gap-3">
        <Total term={t('upgrade.totals.records')} value={records} />
        <Total term={validTerm} value={valid} tone="good" />
        <Total term={t('upgrade.totals.invalid')} value={invalid} tone="bad" />
      </dl>
      <p className="text-muted-foreground text-sm">
        {records === 0
          ? t('upgrade.no_records')
          : report.dry_run
            ? t('upgrade.dry_run_hint')
            : t('upgrade.applied_hint', { version: report.to_version })}
      </p>

      {report.record_types.length > 1 ? (
        <Table>
          <caption className="caption-top pb-2 text-left text-xs font-medium">
            {t('upgrade.types.caption')}
          </caption>
          <TableHeader>
            <TableRow>
              <TableHead>{t('upgrade.types.type')}</TableHead>
              <TableHead className="text-right">{t('upgrade.totals.records')}</TableHead>
              <TableHead className="text-right">{validTerm}</TableHead>
              <TableHead className="text-right">{t('upgrade.totals.invalid')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.record_types.map((type) => (
              <TableRow key={type.code}>
                <TableCell>{typeLabel(type.code)}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {format.number(type.records)}
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {format.number(type.valid)}
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {format.number(type.invalid_count)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}

      {failing.length > 0 ? (
        <div className="rounded-md border border-red-200">
          <Table>
            <caption className="caption-top px-3 py-2 text-left text-xs font-medium text-red-900">
              {t('upgrade.invalid.caption')}
              {shown < invalid
                ? ` ${t('upgrade.invalid.shown_of', { shown, count: invalid })}`
                : ''}
            </caption>
            <TableHeader>
              <TableRow>
                <TableHead className="w-1/3">{t('upgrade.invalid.record')}</TableHead>
                <TableHead>{t('upgrade.invalid.company')}</TableHead>
                <TableHead>{t('upgrade.invalid.problems')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {failing.flatMap((type) =>
                type.invalid.map((record) => (
                  <TableRow key={record.id}>
                    <TableCell className="align-top break-words whitespace-normal">
                      <span className="font-medium">
                        {record.title || t('upgrade.invalid.untitled')}
                      </span>
                      {report.record_types.length > 1 ? (
                        <span className="text-muted-foreground block text-xs">
                          {typeLabel(type.code)}
                        </span>
                      ) : null}
                    </TableCell>
                    <TableCell className="align-top">
                      {/* The company's id: the report names no company, and they are many. */}
                      <code className="font-mono text-xs" title={record.company_id}>
                        {record.company_id.slice(0, 8)}
                      </code>
                    </TableCell>
                    <TableCell className="align-top whitespace-normal">
                      <ul className="grid gap-1">
                        {record.errors.map((error, index) => (
                          <li key={`${error.field}-${index}`} className="break-words">
                            {t(
                              'upgrade.invalid.problem',
                              upgradeProblem(error, typeOf(type.code), i18n.language),
                            )}
                          </li>
                        ))}
                      </ul>
                    </TableCell>
                  </TableRow>
                )),
              )}
            </TableBody>
          </Table>
        </div>
      ) : null}

      {report.removed_permissions.length > 0 ? (
        <div className="grid gap-1.5 text-sm">
          <p className="font-medium">{t('upgrade.removed_permissions')}</p>
          <ul className="flex flex-wrap gap-1.5">
            {report.removed_permissions.map((permission) => (
              <li key={permission}>
                <Badge variant="outline" className="font-mono">
                  {permission}
                </Badge>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
