import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import { isSettled } from '../lib/tasks';
import { ioApi, TASKS_KEY } from './io-client';

/**
 * How often a task someone is watching (a progress bar on screen) is asked for, in ms:
 * the fallback, as the notification stream's `task` events move it sooner.
 */
export const TASK_POLL_MS = 1500;

export const taskQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...TASKS_KEY, 'one', id],
    queryFn: async () =>
      unwrap(await ioApi.GET('/api/v1/tasks/{id}', { params: { path: { id } } })),
  });

/**
 * Task `id` (none while `id` is null), asked for again every 1.5 s until it is done,
 * failed or cancelled; a settled task is not asked for again.
 */
export function useTask(id: string | null) {
  return useQuery({
    ...taskQueryOptions(id ?? ''),
    enabled: id !== null,
    refetchInterval: (query) => {
      const task = query.state.data;
      return task && isSettled(task) ? false : TASK_POLL_MS;
    },
    staleTime: (query) => {
      const task = query.state.data;
      return task && isSettled(task) ? Infinity : 0;
    },
  });
}
