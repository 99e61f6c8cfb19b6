import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type PushMessage = Schemas['PushOut'];
export type PushMessageFilters = { status?: string };

export const pushMessagesQueryOptions = (filters: PushMessageFilters) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'pushMessages', filters],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/push-messages', {
          params: { query: { ...filters, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** Push notifications sent and queued, newest first, filtered by status on the server. */
export function usePushMessages(filters: PushMessageFilters) {
  return useInfiniteQuery(pushMessagesQueryOptions(filters));
}
