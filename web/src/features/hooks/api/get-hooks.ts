import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Hook = Schemas['HookOut'];

export const hooksQueryOptions = (event?: string) =>
  infiniteQueryOptions({
    queryKey: ['hooks', 'list', event ?? null],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/hooks', {
          params: { query: { ...(event ? { event } : {}), cursor: pageParam, limit: 50 } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** The company's hooks, newest first, 50 at a time; `event` keeps those of one event. */
export function useHooks(event?: string) {
  return useInfiniteQuery(hooksQueryOptions(event));
}
