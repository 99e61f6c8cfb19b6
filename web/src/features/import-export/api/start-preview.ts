import { useMutation, useQueryClient } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import { ioApi, TASKS_KEY } from './io-client';
import type { PreviewIn } from './types';

/**
 * Asks a worker to read an uploaded file as `resource` (with the mapping given, else the
 * one it detects) and check every row without writing any: `202` with the task to follow.
 */
export function useStartPreview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: PreviewIn) => unwrap(await ioApi.POST('/api/v1/imports', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...TASKS_KEY, 'list'] }),
  });
}
