import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type NotificationDetail = Schemas['NotificationDetailOut'];
export type ChannelOut = Schemas['ChannelOut'];

export const notificationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['notifications', 'detail', id] as const,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/notifications/{id}', { params: { path: { id } } })),
  });

/** One notification with what became of it on each channel. */
export function useNotification(id: string, enabled = true) {
  return useQuery({ ...notificationQueryOptions(id), enabled });
}
