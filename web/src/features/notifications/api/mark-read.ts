import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import {
  markReadInLists,
  replaceInLists,
  restoreLists,
  shiftUnread,
  snapshotLists,
  type Snapshot,
} from '../lib/cache';
import { NOTIFICATION_LISTS_KEY } from './get-notifications';
import { unreadCountQueryOptions } from './get-unread-count';

export async function markRead(id: string) {
  return unwrap(await api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
}

/**
 * Marks a notification read at once in every list and the badge, then as the server
 * has it (put back if refused). Lists keep it: the "unread" view does not lose the
 * row under the user's eyes.
 */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation<
    Awaited<ReturnType<typeof markRead>>,
    Error,
    string,
    { snapshot: Snapshot; wasUnread: boolean }
  >({
    mutationFn: markRead,
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: NOTIFICATION_LISTS_KEY });
      const snapshot = snapshotLists(queryClient);
      const wasUnread = markReadInLists(queryClient, id, new Date().toISOString());
      if (wasUnread) shiftUnread(queryClient, -1);
      return { snapshot, wasUnread };
    },
    onError: (_error, _id, context) => {
      if (!context) return;
      restoreLists(queryClient, context.snapshot);
      if (context.wasUnread) shiftUnread(queryClient, 1);
    },
    onSuccess: (notification) => replaceInLists(queryClient, notification),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: unreadCountQueryOptions().queryKey }),
  });
}
