import { Link } from '@tanstack/react-router';
import { ClipboardList, Plus, Search } from 'lucide-react';
import { useState } from 'react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { ForbiddenPage } from '@/components/errors/forbidden-page';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { ExportButton, ImportLink } from '@/features/import-export';
import { useDebounced } from '@/hooks/use-debounced';
import { ApiProblem } from '@/lib/api/problem';
import { usePermissions } from '@/lib/auth/permissions';
import { useFormat } from '@/lib/i18n/format';

import type { FieldDef, RecordType } from '../api/get-modules';
import { type RecordOut, useRecords } from '../api/get-records';
import { useRecordType } from '../hooks/use-record-type';
import { filterParams, type FilterValues } from '../lib/filter-params';
import { labelOf } from '../lib/labels';
import { DefinitionState } from './definition-state';
import { FieldValue } from './field-value';
import { LoadMore } from '@/components/data/load-more';
import { ModuleOffPage } from './module-off-page';
import { RecordFilters } from './record-filters';
import { RecordFormDialog } from './record-form-dialog';
import { StateBadge } from './state-badge';

/** The columns a type's list shows: its `list_columns` (the title when it lists none). */
function listColumns(recordType: RecordType): FieldDef[] {
  const codes = recordType.list_columns?.length
    ? recordType.list_columns
    : [recordType.title_field];
  return codes
    .map((code) => recordType.fields.find((field) => field.code === code))
    .filter((field): field is FieldDef => !!field && field.type !== 'attachment');
}

function RecordRow({
  module,
  recordType,
  record,
  columns,
}: {
  module: string;
  recordType: RecordType;
  record: RecordOut;
  columns: FieldDef[];
}) {
  const { t } = useTranslation('modules');
  // The link is on the title's cell, else on the number, else on the first cell.
  const linkOn = columns.some((field) => field.code === recordType.title_field)
    ? recordType.title_field
    : recordType.numbering
      ? '#number'
      : (columns[0]?.code ?? '');
  const open = (children: React.ReactNode) => (
    <Link
      to="/m/$module/$recordType/$id"
      params={{ module, recordType: recordType.code, id: record.id }}
      className="font-medium hover:underline"
      aria-label={t('records.open', { title: record.title })}
    >
      {children}
    </Link>
  );
  const data = record.data;
  return (
    <TableRow>
      {recordType.numbering ? (
        <TableCell className="font-mono text-sm whitespace-nowrap">
          {linkOn === '#number' ? open(record.number ?? '—') : (record.number ?? '—')}
        </TableCell>
      ) : null}
      {columns.map((field) => (
        <TableCell key={field.code}>
          {field.code === linkOn ? (
            open(<FieldValue module={module} field={field} value={data[field.code]} />)
          ) : (
            <FieldValue module={module} field={field} value={data[field.code]} />
          )}
        </TableCell>
      ))}
      {recordType.workflow && record.state ? (
        <TableCell>
          <StateBadge recordType={recordType} state={record.state} />
        </TableCell>
      ) : recordType.workflow ? (
        <TableCell />
      ) : null}
    </TableRow>
  );
}

function RecordList({ module, recordType }: { module: string; recordType: RecordType }) {
  const { t, i18n } = useTranslation('modules');
  const format = useFormat();
  const { can } = usePermissions();
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<FilterValues>({});
  const [state, setState] = useState('');
  const [creating, setCreating] = useState(false);
  const q = useDebounced(search.trim());
  // Typed filters settle before asking (a JSON string: one stable value to wait on).
  const fields = JSON.parse(
    useDebounced(JSON.stringify(filterParams(recordType, filters, format.timeZone))),
  ) as Record<string, string>;
  const records = useRecords(module, recordType.code, {
    ...(q ? { q } : {}),
    ...(state ? { state } : {}),
    fields,
  });
  const rows = records.data?.pages.flatMap((page) => page.items) ?? [];
  const columns = listColumns(recordType);
  const count = columns.length + (recordType.numbering ? 1 : 0) + (recordType.workflow ? 1 : 0);
  const label = labelOf(recordType.label, i18n.language);
  const plural = labelOf(recordType.label_plural, i18n.language);
  const filtered = !!q || !!state || Object.keys(fields).length > 0;
  const canCreate = can(recordType.permissions.create);
  const searchIn = (recordType.search_fields ?? [])
    .map((code) => labelOf(recordType.fields.find((f) => f.code === code)?.label, i18n.language))
    .filter(Boolean)
    .join(', ');

  if (records.error instanceof ApiProblem && records.error.status === 404) {
    return <ModuleOffPage />;
  }
  if (records.error instanceof ApiProblem && records.error.status === 403) {
    return <ForbiddenPage />;
  }

  const createDialog = canCreate ? (
    <RecordFormDialog
      module={module}
      recordType={recordType}
      mode={{ kind: 'create' }}
      open={creating}
      onOpenChange={setCreating}
    />
  ) : null;
  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden />
      {t('records.create_named', { label })}
    </Button>
  );

  const resource = `${module}.${recordType.code}`;
  const listFilters = { ...(q ? { q } : {}), ...(state ? { state } : {}), ...fields };

  return (
    <PageBody>
      <PageHeader
        title={plural}
        actions={
          <>
            <ImportLink resource={resource} />
            <ExportButton resource={resource} filters={listFilters} />
            {canCreate ? createButton : null}
          </>
        }
      />
      {createDialog}
      {recordType.search_fields?.length ? (
        <div className="relative">
          <Search className="text-muted-foreground absolute top-2.5 left-2.5 size-4" aria-hidden />
          <Input
            type="search"
            className="pl-8"
            placeholder={
              searchIn ? t('records.search_in', { fields: searchIn }) : t('records.search')
            }
            aria-label={t('records.search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
      ) : null}
      <RecordFilters
        module={module}
        recordType={recordType}
        values={filters}
        onChange={setFilters}
        state={state}
        onStateChange={setState}
      />
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              {recordType.numbering ? <TableHead>{t('records.number')}</TableHead> : null}
              {columns.map((field) => (
                <TableHead key={field.code}>{labelOf(field.label, i18n.language)}</TableHead>
              ))}
              {recordType.workflow ? <TableHead>{t('records.state')}</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {records.isPending ? (
              <TableSkeleton columns={count} />
            ) : records.isError ? (
              <FullRow columns={count}>
                <ErrorState error={records.error} onRetry={() => void records.refetch()} />
              </FullRow>
            ) : rows.length === 0 ? (
              <FullRow columns={count}>
                <EmptyState
                  icon={ClipboardList}
                  title={
                    filtered ? t('records.empty_filtered') : t('records.empty', { label: plural })
                  }
                  hint={filtered ? undefined : canCreate ? t('records.empty_hint') : undefined}
                  action={!filtered && canCreate ? createButton : undefined}
                />
              </FullRow>
            ) : (
              rows.map((record) => (
                <RecordRow
                  key={record.id}
                  module={module}
                  recordType={recordType}
                  record={record}
                  columns={columns}
                />
              ))
            )}
          </TableBody>
        </Table>
      </div>
      <LoadMore
        hasNextPage={records.hasNextPage}
        isFetchingNextPage={records.isFetchingNextPage}
        fetchNextPage={records.fetchNextPage}
      />
    </PageBody>
  );
}

/**
 * A package record type's list (`/m/$module/$recordType`), drawn from its definition:
 * its columns, search and filters, its workflow states, a cursor to load more.
 */
export function RecordListPage({ module, recordType }: { module: string; recordType: string }) {
  const definition = useRecordType(module, recordType);
  if (definition.off) return <ModuleOffPage />;
  if (!definition.recordType) return <DefinitionState definition={definition} />;
  return (
    <RecordList
      key={`${module}.${recordType}`}
      module={module}
      recordType={definition.recordType}
    />
  );
}
