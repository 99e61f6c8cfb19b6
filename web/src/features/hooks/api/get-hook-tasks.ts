import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type HookTask = Schemas['TaskOut'];

export const hookTasksQueryOptions = () =>
  queryOptions({
    queryKey: ['hooks', 'tasks'],
    queryFn: async () => unwrap(await api.GET('/api/v1/hooks/tasks')),
    // The modules' tasks are the build's: they change with a deployment.
    staleTime: 30 * 60_000,
  });

/** The tasks `create_task` may ask for, from every module. */
export function useHookTasks(enabled = true) {
  return useQuery({ ...hookTasksQueryOptions(), enabled });
}
