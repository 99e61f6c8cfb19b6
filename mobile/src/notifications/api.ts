import {
  type InfiniteData,
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';

import type { Schemas } from '@/api/client';
import { unwrap } from '@/api/problem';
import { getApiClient } from '@/auth';

export type Notification = Schemas['NotificationOut'];
export type NotificationPage = Schemas['Page_NotificationOut'];
type Pages = InfiniteData<NotificationPage, string | undefined>;

export const PAGE_SIZE = 30;

export const notificationsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: ['notifications', 'list'] as const,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await getApiClient().GET('/api/v1/notifications', {
          params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

export const unreadCountQueryOptions = () =>
  queryOptions({
    queryKey: ['notifications', 'unread-count'] as const,
    queryFn: async () => unwrap(await getApiClient().GET('/api/v1/notifications/unread-count')),
  });

/** The inbox, newest first, a page at a time (`next_cursor`). */
export function useNotifications() {
  return useInfiniteQuery(notificationsQueryOptions());
}

/** How many notifications are unread: the tab's badge. */
export function useUnreadCount(enabled = true) {
  return useQuery({ ...unreadCountQueryOptions(), enabled, select: (data) => data.unread });
}

function markInPages(data: Pages | undefined, read: (n: Notification) => boolean, at: string) {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((n) => (!n.read_at && read(n) ? { ...n, read_at: at } : n)),
    })),
  };
}

/** Marks one notification read: at once on screen and in the badge, then on the server. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await getApiClient().POST('/api/v1/notifications/{id}/read', {
          params: { path: { id } },
        }),
      ),
    onMutate: (id) => {
      const now = new Date().toISOString();
      queryClient.setQueryData<Pages>(notificationsQueryOptions().queryKey, (data) =>
        markInPages(data, (n) => n.id === id, now),
      );
      queryClient.setQueryData<Schemas['UnreadOut']>(unreadCountQueryOptions().queryKey, (c) =>
        c ? { unread: Math.max(0, c.unread - 1) } : c,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

/** Marks every notification read. */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await getApiClient().POST('/api/v1/notifications/read-all')),
    onSuccess: (out) => {
      const now = new Date().toISOString();
      queryClient.setQueryData<Pages>(notificationsQueryOptions().queryKey, (data) =>
        markInPages(data, () => true, now),
      );
      queryClient.setQueryData(unreadCountQueryOptions().queryKey, { unread: out.unread });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
