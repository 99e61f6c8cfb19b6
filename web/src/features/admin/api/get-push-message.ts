import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export const pushMessageQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'pushMessage', id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/push-messages/{id}', { params: { path: { id } } })),
  });

/** One message with its log of tries. */
export function usePushMessage(id: string, enabled = true) {
  return useQuery({ ...pushMessageQueryOptions(id), enabled });
}
