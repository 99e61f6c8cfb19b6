import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { archiveInLists, restoreLists, shiftUnread, snapshotLists } from '../lib/cache';
import { NOTIFICATION_LISTS_KEY } from './get-notifications';
import { unreadCountQueryOptions } from './get-unread-count';

export async function archiveNotification(id: string) {
  return unwrap(await api.POST('/api/v1/notifications/{id}/archive', { params: { path: { id } } }));
}

/** Takes a notification out of the inbox at once (back if refused); the archive is asked again. */
export function useArchiveNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: archiveNotification,
    onMutate: async (id: string) => {
      await queryClient.cancelQueries({ queryKey: NOTIFICATION_LISTS_KEY });
      const snapshot = snapshotLists(queryClient);
      const wasUnread = archiveInLists(queryClient, id);
      if (wasUnread) shiftUnread(queryClient, -1);
      return { snapshot, wasUnread };
    },
    onError: (_error, _id, context) => {
      if (!context) return;
      restoreLists(queryClient, context.snapshot);
      if (context.wasUnread) shiftUnread(queryClient, 1);
    },
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({
          queryKey: NOTIFICATION_LISTS_KEY,
          predicate: (query) => Boolean((query.queryKey[2] as { archived?: boolean })?.archived),
        }),
        queryClient.invalidateQueries({ queryKey: unreadCountQueryOptions().queryKey }),
      ]);
    },
  });
}
