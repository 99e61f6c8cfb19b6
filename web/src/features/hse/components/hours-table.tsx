import { Pencil } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { SiteName } from '@/components/sites/site-name';
import { Button } from '@/components/ui/button';
import {
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { useFormat } from '@/lib/i18n/format';

import type { HoursRow } from '../lib/kpis';

const NUMBER = 'text-right tabular-nums';
/** The split by employer gives way in a narrow list (a phone); the total stays. */
const WIDE = 'hidden @xl:table-cell';
/** Narrower still, the site goes under the month instead of in its own column. */
const SITE = 'hidden @md:table-cell';

/**
 * The hours worked per site and month, newest month first, with the period's totals;
 * `onEdit` (for those who may) puts a row in the form to correct it.
 */
export function HoursTable({
  rows,
  onEdit,
}: {
  rows: HoursRow[];
  onEdit?: (row: HoursRow) => void;
}) {
  const { t } = useTranslation('hseKpi');
  const format = useFormat();
  const hours = (value: number) =>
    value.toLocaleString(format.locale, { maximumFractionDigits: 1 });
  const monthName = new Intl.DateTimeFormat(format.locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const month = (value: string) => monthName.format(new Date(`${value}-01T00:00:00Z`));
  const sorted = [...rows].sort((a, b) => b.month.localeCompare(a.month));
  const sum = (pick: (row: HoursRow) => number) =>
    rows.reduce((total, row) => total + pick(row), 0);

  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t('hours.columns.month')}</TableHead>
          <TableHead className={SITE}>{t('hours.columns.site')}</TableHead>
          <TableHead className={`${NUMBER} ${WIDE}`}>{t('hours.columns.employees')}</TableHead>
          <TableHead className={`${NUMBER} ${WIDE}`}>{t('hours.columns.contractors')}</TableHead>
          <TableHead className={NUMBER}>{t('hours.columns.total')}</TableHead>
          {onEdit ? <TableHead className="w-10" /> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {sorted.map((row) => (
          <TableRow key={row.id}>
            <TableCell>
              <span className="block whitespace-nowrap first-letter:uppercase">
                {month(row.month)}
              </span>
              <span className="text-muted-foreground block text-xs @md:hidden">
                <SiteName id={row.site_id} />
              </span>
            </TableCell>
            <TableCell className={SITE}>
              <SiteName id={row.site_id} />
            </TableCell>
            <TableCell className={`${NUMBER} ${WIDE}`}>{hours(row.employee_hours)}</TableCell>
            <TableCell className={`${NUMBER} ${WIDE}`}>{hours(row.contractor_hours)}</TableCell>
            <TableCell className={`${NUMBER} font-medium`}>
              {hours(row.employee_hours + row.contractor_hours)}
            </TableCell>
            {onEdit ? (
              <TableCell className="py-1">
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={t('hours.edit', { month: month(row.month) })}
                  title={t('hours.edit', { month: month(row.month) })}
                  onClick={() => onEdit(row)}
                >
                  <Pencil aria-hidden />
                </Button>
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
      <TableFooter>
        <TableRow>
          <TableCell className="font-medium">{t('hours.total_row')}</TableCell>
          <TableCell className={SITE} />
          <TableCell className={`${NUMBER} ${WIDE}`}>
            {hours(sum((row) => row.employee_hours))}
          </TableCell>
          <TableCell className={`${NUMBER} ${WIDE}`}>
            {hours(sum((row) => row.contractor_hours))}
          </TableCell>
          <TableCell className={`${NUMBER} font-semibold`}>
            {hours(sum((row) => row.employee_hours + row.contractor_hours))}
          </TableCell>
          {onEdit ? <TableCell /> : null}
        </TableRow>
      </TableFooter>
    </Table>
  );
}
