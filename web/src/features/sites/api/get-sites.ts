import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { SITES_KEY, type SiteKind } from '@/lib/api/sites';

export type SiteFilters = { q?: string; kind?: SiteKind };

export const sitesQueryOptions = (filters: SiteFilters) =>
  infiniteQueryOptions({
    queryKey: [...SITES_KEY, 'list', filters],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/sites', {
          params: { query: { ...filters, cursor: pageParam, limit: 50 } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/**
 * The company's sites, newest first, filtered on the server, 50 at a time. While a new
 * search loads, the previous rows stay (no flash of skeleton at each keystroke).
 */
export function useSites(filters: SiteFilters) {
  return useInfiniteQuery({ ...sitesQueryOptions(filters), placeholderData: keepPreviousData });
}
