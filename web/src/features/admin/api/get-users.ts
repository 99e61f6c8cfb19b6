import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type User = Schemas['UserOut'];
export type UserFilters = { q?: string; is_active?: boolean };

export const usersQueryOptions = (filters: UserFilters) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'users', 'list', filters],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/users', {
          params: { query: { ...filters, cursor: pageParam, limit: 50 } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** Users in reach, filtered on the server, a page of 50 at a time. */
export function useUsers(filters: UserFilters) {
  return useInfiniteQuery(usersQueryOptions(filters));
}
