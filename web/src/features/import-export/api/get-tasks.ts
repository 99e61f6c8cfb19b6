import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import { isSettled } from '../lib/tasks';
import { ioApi, TASKS_KEY } from './io-client';

/** While one of the listed tasks runs, the list is asked for again this often (ms). */
export const TASKS_REFRESH_MS = 2000;

export const tasksQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: [...TASKS_KEY, 'list'],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await ioApi.GET('/api/v1/tasks', {
          params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** The caller's tasks, newest first, 20 at a time; refreshed while any of them runs. */
export function useTasks() {
  return useInfiniteQuery({
    ...tasksQueryOptions(),
    refetchInterval: (query) => {
      const tasks = query.state.data?.pages.flatMap((page) => page.items) ?? [];
      return tasks.some((task) => !isSettled(task)) ? TASKS_REFRESH_MS : false;
    },
  });
}
