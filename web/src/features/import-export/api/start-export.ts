import { useMutation, useQueryClient } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import { ioApi, TASKS_KEY } from './io-client';
import type { ExportIn, TaskStarted } from './types';

/**
 * Asks a worker for a file of what a list shows (`filters`: its query parameters): `202`
 * with the task, handed to `follow` (which runs even when the page that asked is gone).
 */
export function useStartExport(follow: (started: TaskStarted) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ExportIn) => unwrap(await ioApi.POST('/api/v1/exports', { body })),
    onSuccess: (started) => {
      follow(started);
      void queryClient.invalidateQueries({ queryKey: [...TASKS_KEY, 'list'] });
    },
  });
}
