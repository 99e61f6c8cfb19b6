import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { isLive } from '../lib/runs';

const PAGE_SIZE = 20;
/** While a run we wait for is going: its outcome within a second or two. */
const WATCH_POLL_MS = 1_500;

export const jobRunsQueryOptions = (name: string) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'scheduler', 'runs', name],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/scheduler/jobs/{name}/runs', {
          params: { path: { name }, query: { cursor: pageParam, limit: PAGE_SIZE } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/**
 * The runs of job `name`, newest first. With `watch` (a run's id), asks again every
 * second and a half until that run has ended.
 */
export function useJobRuns(
  name: string,
  { enabled = true, watch }: { enabled?: boolean; watch?: string | null } = {},
) {
  return useInfiniteQuery({
    ...jobRunsQueryOptions(name),
    enabled,
    refetchInterval: (query) => {
      if (!watch) return false;
      const run = query.state.data?.pages[0]?.items.find((item) => item.id === watch);
      // Not on the first page yet (a slow write), or still going: ask again.
      return !run || isLive(run) ? WATCH_POLL_MS : false;
    },
  });
}
