import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { attachmentsQueryOptions } from './get-attachments';

export async function updateAttachment(id: string, body: Schemas['AttachmentPatch']) {
  return unwrap(await api.PATCH('/api/v1/attachments/{id}', { params: { path: { id } }, body }));
}

/** Changes an attachment's caption (empty: none). */
export function useUpdateAttachment(model: string, recordId: string) {
  const queryClient = useQueryClient();
  const { queryKey } = attachmentsQueryOptions(model, recordId);
  return useMutation({
    mutationFn: ({ id, caption }: { id: string; caption: string }) =>
      updateAttachment(id, { caption }),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKey, (list) =>
        list?.map((item) => (item.id === saved.id ? saved : item)),
      );
    },
  });
}
