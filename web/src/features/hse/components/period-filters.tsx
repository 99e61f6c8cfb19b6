import { useTranslation } from 'react-i18next';

import { SitePicker } from '@/components/sites/site-picker';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

import { type PeriodQuery, periodSearch, type PeriodSearch } from '../lib/period-search';

/**
 * The months and site of the dashboard and the hours page, read from and written to the
 * address: each change gives the whole new search (malformed values dropped).
 */
export function PeriodFilters({
  id,
  search,
  period,
  onChange,
}: {
  /** Prefix of the inputs' ids (two pages, one component). */
  id: string;
  search: PeriodSearch;
  /** The months shown, defaults filled in. */
  period: PeriodQuery;
  onChange: (next: PeriodSearch) => void;
}) {
  const { t } = useTranslation('hseKpi');
  const set = (change: Record<string, unknown>) => onChange(periodSearch({ ...search, ...change }));

  return (
    <div className="flex flex-wrap items-end gap-3">
      {(['from', 'to'] as const).map((name) => (
        <div key={name} className="grid gap-1.5">
          <Label htmlFor={`${id}-${name}`} className="text-muted-foreground font-normal">
            {t(`period.${name}`)}
          </Label>
          <Input
            id={`${id}-${name}`}
            type="month"
            className="w-44"
            value={period[name]}
            max={name === 'from' ? period.to : undefined}
            min={name === 'to' ? period.from : undefined}
            onChange={(event) => set({ [name]: event.target.value })}
          />
        </div>
      ))}
      <div className="grid min-w-52 flex-1 gap-1.5 sm:max-w-80">
        <Label htmlFor={`${id}-site`} className="text-muted-foreground font-normal">
          {t('period.site')}
        </Label>
        <SitePicker
          id={`${id}-site`}
          value={search.site_id ?? ''}
          onChange={(site_id) => set({ site_id })}
        />
      </div>
      {search.from || search.to ? (
        <Button variant="ghost" size="sm" className="h-9" onClick={() => set({ from: '', to: '' })}>
          {t('period.reset')}
        </Button>
      ) : null}
    </div>
  );
}
