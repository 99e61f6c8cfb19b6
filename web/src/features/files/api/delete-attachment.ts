import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { attachmentsQueryOptions } from './get-attachments';

export async function deleteAttachment(id: string) {
  unwrap(await api.DELETE('/api/v1/attachments/{id}', { params: { path: { id } } }));
}

/** Removes an attachment from its record. */
export function useDeleteAttachment(model: string, recordId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = attachmentsQueryOptions(model, recordId);
  return useMutation({
    mutationFn: deleteAttachment,
    onSuccess: (_, id) => {
      queryClient.setQueryData(queryKey, (list) => list?.filter((item) => item.id !== id));
      return queryClient.invalidateQueries({ queryKey });
    },
  });
}
