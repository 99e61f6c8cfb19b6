import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type MenuItem = Schemas['MenuItem'];

export const menuQueryOptions = () =>
  queryOptions({
    queryKey: ['menu'],
    queryFn: async () => unwrap(await api.GET('/api/v1/menu')),
    staleTime: 5 * 60_000,
  });

/** The server's navigation tree: only entries this user may open. */
export function useMenu() {
  return useSuspenseQuery(menuQueryOptions()).data;
}
