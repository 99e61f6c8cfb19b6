import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { INCIDENTS_KEY } from '../lib/incident';
import type { IncidentQuery } from '../lib/list-search';

export const incidentsQueryOptions = (query: IncidentQuery) =>
  infiniteQueryOptions({
    queryKey: [...INCIDENTS_KEY, 'list', query],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/hse/incidents', {
          params: { query: { ...query, cursor: pageParam, limit: 50 } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/**
 * Incidents in the user's reach, newest first, filtered on the server, 50 at a time.
 * The previous rows stay while a new filter loads (no flash of skeleton).
 */
export function useIncidents(query: IncidentQuery) {
  return useInfiniteQuery({ ...incidentsQueryOptions(query), placeholderData: keepPreviousData });
}
