import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Notification = Schemas['NotificationOut'];
export type NotificationPage = Schemas['Page_NotificationOut'];
export type Category = Schemas['Category'];

/** The inbox (unread or all) or the archive, in one category or all. */
export type NotificationFilters = { unread?: boolean; archived?: boolean; category?: Category };

/** Every list of notifications in the cache starts with this key. */
export const NOTIFICATION_LISTS_KEY = ['notifications', 'list'] as const;

export const notificationsQueryOptions = (filters: NotificationFilters, limit: number) =>
  infiniteQueryOptions({
    queryKey: [...NOTIFICATION_LISTS_KEY, filters, limit] as const,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/notifications', {
          params: { query: { ...filters, limit, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/**
 * Your notifications, newest first, `limit` a page. The live stream prepends new ones
 * to these lists in the cache (`lib/cache.ts`).
 */
export function useNotifications(filters: NotificationFilters, limit: number) {
  return useInfiniteQuery(notificationsQueryOptions(filters, limit));
}
