import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Attachment = Schemas['AttachmentOut'];
export type StoredFile = Schemas['FileOut'];

export const attachmentsQueryOptions = (model: string, recordId: string) =>
  queryOptions({
    queryKey: ['files', 'attachments', model, recordId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/attachments', {
          params: { query: { model, record_id: recordId } },
        }),
      ),
  });

/** Whether an attachment still waits for something the server does after the upload. */
export function isSettling(attachment: Attachment) {
  const { file } = attachment;
  return (
    file.status === 'quarantined' ||
    (file.content_type.startsWith('image/') && file.status !== 'infected' && !file.has_thumbnail)
  );
}

/**
 * A record's attachments, in order. While a thumbnail is being made or a file waits
 * for the virus scanner, the list is asked again every few seconds.
 */
export function useAttachments(model: string, recordId: string) {
  return useQuery({
    ...attachmentsQueryOptions(model, recordId),
    refetchInterval: (query) => ((query.state.data ?? []).some(isSettling) ? 3000 : false),
  });
}
