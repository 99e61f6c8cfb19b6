import { useMutation, useQueryClient } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import { ioApi, TASKS_KEY } from './io-client';

/** Stops a running task: it then ends `cancelled`, with nothing written. */
export function useCancelTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await ioApi.POST('/api/v1/tasks/{id}/cancel', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
  });
}
