import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { markAllReadInLists, restoreLists, setUnread, snapshotLists } from '../lib/cache';
import { NOTIFICATION_LISTS_KEY } from './get-notifications';
import { unreadCountQueryOptions } from './get-unread-count';

export async function markAllRead() {
  return unwrap(await api.POST('/api/v1/notifications/read-all'));
}

/** Marks every notification read: lists and badge at once, the server's count after. */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAllRead,
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: NOTIFICATION_LISTS_KEY });
      const snapshot = snapshotLists(queryClient);
      const unread = queryClient.getQueryData(unreadCountQueryOptions().queryKey)?.unread;
      markAllReadInLists(queryClient, new Date().toISOString());
      setUnread(queryClient, 0);
      return { snapshot, unread };
    },
    onError: (_error, _input, context) => {
      if (!context) return;
      restoreLists(queryClient, context.snapshot);
      if (context.unread !== undefined) setUnread(queryClient, context.unread);
    },
    onSuccess: ({ unread }) => setUnread(queryClient, unread),
    // Unread views now show read rows: ask again for the ones on screen.
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATION_LISTS_KEY }),
  });
}
