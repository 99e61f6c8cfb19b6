import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { isSettled, TASKS_KEY } from '../lib/report';

/** How often a task still queued or running is asked about. */
export const TASK_POLL_MS = 1000;

export const taskQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...TASKS_KEY, id],
    queryFn: async () => unwrap(await api.GET('/api/v1/tasks/{id}', { params: { path: { id } } })),
    // Polled every second until it is done or has failed, then left alone.
    refetchInterval: (query) =>
      query.state.data && isSettled(query.state.data) ? false : TASK_POLL_MS,
  });

/** A task the user asked for (an export), followed until it settles; nothing while `id` is null. */
export function useTask(id: string | null) {
  return useQuery({ ...taskQueryOptions(id ?? ''), enabled: id !== null });
}
