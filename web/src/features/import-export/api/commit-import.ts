import { useMutation, useQueryClient } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import { ioApi, TASKS_KEY } from './io-client';
import type { CommitIn } from './types';

/** Writes what preview `previewId` read: `202` with a new task, which counts the rows done. */
export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ previewId, body }: { previewId: string; body: CommitIn }) =>
      unwrap(
        await ioApi.POST('/api/v1/imports/{id}/commit', {
          params: { path: { id: previewId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...TASKS_KEY, 'list'] }),
  });
}
