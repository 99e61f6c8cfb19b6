import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export async function deleteHook(id: string) {
  unwrap(await api.DELETE('/api/v1/hooks/{id}', { params: { path: { id } } }));
}

/** Deletes a hook and its run history. */
export function useDeleteHook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteHook,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: ['hooks', 'one', id] });
      return queryClient.invalidateQueries({ queryKey: ['hooks', 'list'] });
    },
  });
}
