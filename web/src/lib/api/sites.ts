import { keepPreviousData, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from './client';
import { unwrap } from './problem';

export type Site = Schemas['SiteOut'];
export type SiteKind = Schemas['SiteKind'];

export const SITE_KINDS = [
  'platform',
  'vessel',
  'base',
  'onshore',
] as const satisfies readonly SiteKind[];

/** Every sites query starts with this key: a change to a site refreshes lists, pickers and names. */
export const SITES_KEY = ['sites'] as const;

/**
 * Active sites whose name holds `q` (the first ones for an empty `q`), for picking one.
 * The previous answer stays while the next loads, so the list does not jump as you type.
 */
export function useActiveSiteSearch(q: string, enabled = true) {
  return useQuery({
    queryKey: [...SITES_KEY, 'active', q],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/sites', {
          params: { query: { is_active: true, limit: 8, ...(q ? { q } : {}) } },
        }),
      ).items,
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** The cache key of one site: a picker fills it with the site just picked. */
export const siteQueryKey = (id: string | null) => [...SITES_KEY, 'one', id] as const;

/** One site, to show its name instead of its id (fails for a deleted site or without `sites.view.site`). */
export function useSite(id: string | null) {
  return useQuery({
    queryKey: siteQueryKey(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/sites/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
