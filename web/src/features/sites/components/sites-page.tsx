import { MapPin, Plus, Search, SearchX } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { LoadMore } from '@/components/data/load-more';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { ExportButton, ImportLink } from '@/features/import-export';
import { useDebounced } from '@/hooks/use-debounced';
import { SITE_KINDS, type SiteKind } from '@/lib/api/sites';

import { useSites, type SiteFilters } from '../api/get-sites';
import { SiteDialog } from './site-dialog';
import { SiteRow } from './site-row';

const COLUMNS = 6;

function AddSiteButton() {
  const { t } = useTranslation('sites');
  return (
    <SiteDialog
      trigger={
        <Button>
          <Plus aria-hidden />
          {t('create')}
        </Button>
      }
    />
  );
}

/** The company's sites: search by name, filter by kind, add, edit, delete. */
export function SitesPage() {
  const { t } = useTranslation('sites');
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<SiteKind | ''>('');
  const q = useDebounced(search.trim());
  const filters: SiteFilters = { ...(q ? { q } : {}), ...(kind ? { kind } : {}) };
  const sites = useSites(filters);
  const rows = sites.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = search.trim() !== '' || kind !== '';
  // No site at all: explain what sites are for instead of an empty table.
  const firstUse = sites.isSuccess && rows.length === 0 && !filtered && !sites.isPlaceholderData;
  const clearFilters = () => {
    setSearch('');
    setKind('');
  };

  return (
    <PageBody>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <ImportLink resource="sites" />
            {firstUse ? null : (
              <>
                <ExportButton resource="sites" filters={filters} />
                <AddSiteButton />
              </>
            )}
          </>
        }
      />
      {firstUse ? (
        <div className="bg-card rounded-md border">
          <EmptyState
            icon={MapPin}
            title={t('empty.title')}
            hint={t('empty.hint')}
            action={
              <div className="pt-2">
                <AddSiteButton />
              </div>
            }
          />
        </div>
      ) : (
        <>
          <div className="flex flex-wrap gap-3">
            <div className="relative min-w-60 flex-1">
              <Search
                className="text-muted-foreground absolute top-2.5 left-2.5 size-4"
                aria-hidden
              />
              <Input
                type="search"
                className="pl-8"
                placeholder={t('search')}
                aria-label={t('search')}
                value={search}
                onChange={(event) => setSearch(event.target.value)}
              />
            </div>
            <NativeSelect
              className="w-48"
              aria-label={t('kind_filter')}
              value={kind}
              onChange={(event) => setKind(event.target.value as SiteKind | '')}
            >
              <option value="">{t('any_kind')}</option>
              {SITE_KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`kinds.${value}`)}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="bg-card rounded-md border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t('columns.name')}</TableHead>
                  <TableHead>{t('columns.kind')}</TableHead>
                  <TableHead>{t('columns.location')}</TableHead>
                  <TableHead className="hidden xl:table-cell">{t('columns.coordinates')}</TableHead>
                  <TableHead>{t('columns.status')}</TableHead>
                  <TableHead className="text-right">
                    <span className="sr-only">{t('columns.actions')}</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {sites.isPending ? (
                  <TableSkeleton columns={COLUMNS} />
                ) : sites.isError ? (
                  <FullRow columns={COLUMNS}>
                    <ErrorState error={sites.error} onRetry={() => void sites.refetch()} />
                  </FullRow>
                ) : rows.length === 0 ? (
                  <FullRow columns={COLUMNS}>
                    <EmptyState
                      icon={SearchX}
                      title={t('empty.filtered')}
                      action={
                        <Button variant="outline" size="sm" onClick={clearFilters}>
                          {t('empty.clear')}
                        </Button>
                      }
                    />
                  </FullRow>
                ) : (
                  rows.map((site) => <SiteRow key={site.id} site={site} />)
                )}
              </TableBody>
            </Table>
          </div>
          <LoadMore
            hasNextPage={sites.hasNextPage}
            isFetchingNextPage={sites.isFetchingNextPage}
            fetchNextPage={sites.fetchNextPage}
          />
        </>
      )}
    </PageBody>
  );
}
