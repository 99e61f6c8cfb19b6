import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { attachmentsQueryOptions } from './get-attachments';
import { uploadFile, type UploadProgress } from './upload-file';

export async function attachFile(body: Schemas['AttachIn']) {
  return unwrap(await api.POST('/api/v1/attachments', { body }));
}

/** An upload then its attachment to the record; if the attachment is refused, the upload is deleted. */
export async function uploadAndAttach(input: {
  model: string;
  recordId: string;
  purpose: string;
  file: File;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}) {
  const stored = await uploadFile(input);
  try {
    return await attachFile({ file_id: stored.id, model: input.model, record_id: input.recordId });
  } catch (error) {
    // Not attached, the upload would wait 24 hours for the clean-up: remove it now.
    void api.DELETE('/api/v1/files/{id}', { params: { path: { id: stored.id } } });
    throw error;
  }
}

/** Uploads and attaches one file; the record's list follows. */
export function useUploadAttachment(model: string, recordId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      purpose: string;
      file: File;
      onProgress?: (progress: UploadProgress) => void;
      signal?: AbortSignal;
    }) => uploadAndAttach({ model, recordId, ...input }),
    onSuccess: (attachment) => {
      queryClient.setQueryData(attachmentsQueryOptions(model, recordId).queryKey, (list) =>
        list ? [...list.filter((item) => item.id !== attachment.id), attachment] : [attachment],
      );
      return queryClient.invalidateQueries({
        queryKey: attachmentsQueryOptions(model, recordId).queryKey,
      });
    },
  });
}
