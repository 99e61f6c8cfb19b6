import { Languages, Search } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { Switch } from '@/components/ui/switch';
import { useDebounced } from '@/hooks/use-debounced';

import { useTranslationKeys, type KeyFilters } from '../api/get-translation-keys';
import { TranslationRow } from './translation-row';

const PAGE = 100;

function RowsSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="grid gap-0" aria-busy>
      <span className="sr-only" role="status">
        {t('common.loading')}
      </span>
      {Array.from({ length: 4 }, (_, row) => (
        <div
          key={row}
          className="grid gap-3 border-b p-4 last:border-b-0 lg:grid-cols-[15rem_1fr_1fr_6rem]"
        >
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-8 w-full" />
        </div>
      ))}
    </div>
  );
}

/**
 * The catalogue's keys, searchable, each with the default French and English and the
 * company's own words, edited in place and saved (or reset) one key at a time.
 */
export function TranslationsPage() {
  const { t } = useTranslation('translations');
  const [search, setSearch] = useState('');
  const [onlyMine, setOnlyMine] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const q = useDebounced(search.trim());
  const filters: KeyFilters = {
    ...(q ? { search: q } : {}),
    ...(onlyMine ? { overridden: true } : {}),
  };
  const keys = useTranslationKeys(filters);
  const rows = keys.data ?? [];

  return (
    <PageBody>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
        <div className="relative min-w-60 flex-1">
          <Search className="text-muted-foreground absolute top-2.5 left-2.5 size-4" aria-hidden />
          <Input
            type="search"
            className="pl-8"
            placeholder={t('search')}
            aria-label={t('search')}
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setShown(PAGE);
            }}
          />
        </div>
        <div className="flex items-center gap-2">
          <Switch
            id="only-mine"
            checked={onlyMine}
            onCheckedChange={(checked) => {
              setOnlyMine(checked);
              setShown(PAGE);
            }}
          />
          <Label htmlFor="only-mine">{t('only_mine')}</Label>
        </div>
        {keys.data ? (
          <p className="text-muted-foreground text-sm" role="status">
            {t('count', { count: rows.length })}
          </p>
        ) : null}
      </div>
      <div className="bg-card rounded-md border">
        <div
          aria-hidden
          className="text-muted-foreground hidden border-b px-4 py-2 text-xs font-medium tracking-wide uppercase lg:grid lg:grid-cols-[minmax(0,15rem)_minmax(0,1fr)_minmax(0,1fr)_auto] lg:gap-4"
        >
          <span>{t('columns.key')}</span>
          <span>{t('columns.fr')}</span>
          <span>{t('columns.en')}</span>
          <span className="w-28">{t('columns.actions')}</span>
        </div>
        {keys.isPending ? (
          <RowsSkeleton />
        ) : keys.isError ? (
          <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState
            icon={Languages}
            title={t('empty')}
            hint={onlyMine && !q ? t('empty_mine') : q ? t('empty_filtered') : undefined}
          />
        ) : (
          <ul aria-label={t('title')}>
            {rows.slice(0, shown).map((entry) => (
              // A new key (the server's words changed) starts the row afresh.
              <TranslationRow
                key={`${entry.key}|${entry.fr ?? ''}|${entry.en ?? ''}`}
                entry={entry}
              />
            ))}
          </ul>
        )}
      </div>
      {rows.length > shown ? (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => setShown(shown + PAGE)}>
            {t('show_more', { count: Math.min(PAGE, rows.length - shown) })}
          </Button>
        </div>
      ) : null}
    </PageBody>
  );
}
