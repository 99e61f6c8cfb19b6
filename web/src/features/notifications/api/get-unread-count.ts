import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export const unreadCountQueryOptions = () =>
  queryOptions({
    queryKey: ['notifications', 'unread-count'] as const,
    queryFn: async () => unwrap(await api.GET('/api/v1/notifications/unread-count')),
    // The live stream keeps it true; asking again is for when the stream is down.
    staleTime: 60_000,
  });

/** How many of your notifications are unread: the bell's badge. */
export function useUnreadCount() {
  return useQuery({ ...unreadCountQueryOptions(), select: (data) => data.unread });
}
