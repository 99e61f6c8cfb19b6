import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type HookExecution = Schemas['ExecutionOut'];

export const hookExecutionsQueryOptions = (id: string) =>
  infiniteQueryOptions({
    queryKey: ['hooks', 'executions', id],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/hooks/{id}/executions', {
          params: { path: { id }, query: { cursor: pageParam, limit: 20 } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/**
 * A hook's runs, newest first, 20 at a time. Runs happen in the background: the list
 * looks again every 15 seconds while it is on screen.
 */
export function useHookExecutions(id: string) {
  return useInfiniteQuery({ ...hookExecutionsQueryOptions(id), refetchInterval: 15_000 });
}
