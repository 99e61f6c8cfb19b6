import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type RecordOut = Schemas['RecordOut'];
export type RecordDetail = Schemas['RecordDetail'];

/**
 * A list's query: `q` (search fields), `state`, and the type's filters as the API names
 * them (`result=fail`, `due_date_from=2026-01-01`, `due_date_to=…`).
 */
export type RecordFilters = { q?: string; state?: string; fields?: Record<string, string> };

async function listRecords(
  module: string,
  recordType: string,
  { q, state, fields }: RecordFilters,
  cursor: string | undefined,
  limit: number,
) {
  return unwrap(
    await api.GET('/api/v1/m/{module}/{record_type}', {
      params: {
        path: { module, record_type: recordType },
        // The type's own filters are parameters the document cannot name.
        query: { ...fields, q, state, cursor, limit },
      },
    }),
  );
}

export const recordsQueryOptions = (module: string, recordType: string, filters: RecordFilters) =>
  infiniteQueryOptions({
    queryKey: ['records', module, recordType, 'list', filters],
    queryFn: ({ pageParam }) => listRecords(module, recordType, filters, pageParam, 50),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** Records of a type, newest first, filtered on the server, 50 at a time. */
export function useRecords(module: string, recordType: string, filters: RecordFilters) {
  return useInfiniteQuery(recordsQueryOptions(module, recordType, filters));
}

/** A few records whose search fields hold `q`, for a link picker. */
export function useRecordSearch(module: string, recordType: string, q: string) {
  return useQuery({
    queryKey: ['records', module, recordType, 'search', q],
    queryFn: async () =>
      (await listRecords(module, recordType, { q: q || undefined }, undefined, 8)).items,
    staleTime: 30_000,
  });
}

export const recordQueryOptions = (module: string, recordType: string, id: string) =>
  queryOptions({
    queryKey: ['records', module, recordType, 'one', id],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/m/{module}/{record_type}/{id}', {
          params: { path: { module, record_type: recordType, id } },
        }),
      ),
  });

/** One record, with the workflow moves the user may make now. */
export function useRecord(module: string, recordType: string, id: string) {
  return useQuery(recordQueryOptions(module, recordType, id));
}

/** A linked record's title (a link field shown in a list or a detail). */
export function useLinkedRecord(module: string, recordType: string, id: string | null) {
  return useQuery({
    ...recordQueryOptions(module, recordType, id ?? ''),
    enabled: id !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
