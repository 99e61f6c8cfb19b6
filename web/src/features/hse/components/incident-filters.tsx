import { Search } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { SitePicker } from '@/components/sites/site-picker';
import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

import { INCIDENT_TYPES, SEVERITIES, STATUSES } from '../lib/incident';
import { incidentSearch, type IncidentSearch } from '../lib/list-search';

/**
 * The list's filters, read from and written to the address: each change gives the
 * whole new search (blanks dropped), so the page only has to navigate.
 */
export function IncidentFilters({
  search,
  onChange,
}: {
  search: IncidentSearch;
  onChange: (next: IncidentSearch) => void;
}) {
  const { t } = useTranslation('hse');
  const set = (change: Record<string, unknown>) =>
    onChange(incidentSearch({ ...search, ...change }));
  const toggle = (name: 'assigned_to_me' | 'reported_by_me') => (
    <Button
      type="button"
      size="sm"
      variant={search[name] ? 'default' : 'outline'}
      aria-pressed={search[name] === true}
      onClick={() => set({ [name]: !search[name] })}
    >
      {t(`list.${name}`)}
    </Button>
  );

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap gap-3">
        <div className="relative min-w-60 flex-[2]">
          <Search className="text-muted-foreground absolute top-2.5 left-2.5 size-4" aria-hidden />
          <Input
            type="search"
            className="pl-8"
            placeholder={t('list.search')}
            aria-label={t('list.search')}
            value={search.q ?? ''}
            onChange={(event) => set({ q: event.target.value })}
          />
        </div>
        <div className="min-w-52 flex-1">
          <SitePicker
            id="incident-site-filter"
            label={t('list.site_filter')}
            value={search.site_id ?? ''}
            onChange={(site_id) => set({ site_id })}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <NativeSelect
          className="w-44"
          aria-label={t('list.status_filter')}
          value={search.status ?? ''}
          onChange={(event) => set({ status: event.target.value })}
        >
          <option value="">{t('list.any_status')}</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`status.${value}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          className="w-40"
          aria-label={t('list.severity_filter')}
          value={search.severity ?? ''}
          onChange={(event) => set({ severity: event.target.value })}
        >
          <option value="">{t('list.any_severity')}</option>
          {SEVERITIES.map((value) => (
            <option key={value} value={value}>
              {t(`severity.${value}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          className="w-44"
          aria-label={t('list.type_filter')}
          value={search.incident_type ?? ''}
          onChange={(event) => set({ incident_type: event.target.value })}
        >
          <option value="">{t('list.any_type')}</option>
          {INCIDENT_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`types.${value}`)}
            </option>
          ))}
        </NativeSelect>
        {(['occurred_from', 'occurred_to'] as const).map((name) => (
          <div key={name} className="flex items-center gap-2">
            <Label htmlFor={`incident-${name}`} className="text-muted-foreground font-normal">
              {t(name === 'occurred_from' ? 'list.from' : 'list.to')}
            </Label>
            <Input
              id={`incident-${name}`}
              type="date"
              className="w-40"
              value={search[name] ?? ''}
              onChange={(event) => set({ [name]: event.target.value })}
            />
          </div>
        ))}
        <div className="flex flex-wrap gap-2">
          {toggle('assigned_to_me')}
          {toggle('reported_by_me')}
        </div>
      </div>
    </div>
  );
}
