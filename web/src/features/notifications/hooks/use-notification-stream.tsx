import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Siren } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { applyTaskEvent } from '@/features/import-export';
import { getAccessToken, onSessionChange } from '@/lib/auth/session';

import { createStreamTicket } from '../api/create-stream-ticket';
import { NOTIFICATION_LISTS_KEY, type Notification } from '../api/get-notifications';
import { useMarkRead } from '../api/mark-read';
import { addToLists, setUnread, shiftUnread } from '../lib/cache';
import { HIGH, notificationHref, URGENT } from '../lib/presentation';
import { openNotificationStream, type NotificationStream } from '../lib/stream';

/**
 * One live stream of your notifications per tab, while signed in (mounted by the app
 * shell). A new notification goes to the top of the cached lists and moves the badge;
 * the server's `unread` count, which follows every change, has the last word. High and
 * urgent ones also pop up, urgent ones until dismissed. Your tasks' progress moves the
 * progress bars on screen without waiting for their next poll.
 */
export function useNotificationStream() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { t } = useTranslation('notifications');
  const markRead = useMarkRead();
  // The stream outlives renders: it reads the latest of these when an event comes.
  const latest = useRef({ t, navigate, markRead: markRead.mutate });
  useEffect(() => {
    latest.current = { t, navigate, markRead: markRead.mutate };
  });

  useEffect(() => {
    const announce = (n: Notification) => {
      const { t, navigate, markRead } = latest.current;
      const urgent = n.priority >= URGENT;
      (urgent ? toast.error : toast.warning)(n.title, {
        id: n.id,
        description: n.message,
        duration: urgent ? Infinity : 10_000,
        icon: urgent ? <Siren className="size-4" aria-hidden /> : undefined,
        action: {
          label: t('toast_open'),
          onClick: () => {
            markRead(n.id);
            void navigate({ href: notificationHref(n.link) });
          },
        },
      });
    };

    let stream: NotificationStream | null = null;
    const start = () => {
      if (stream || !getAccessToken()) return;
      stream = openNotificationStream({
        fetchTicket: createStreamTicket,
        onNotification: (n) => {
          addToLists(queryClient, n);
          // Counted now; the `unread` event that follows corrects it if need be.
          if (!n.read_at && !n.archived_at) shiftUnread(queryClient, 1);
          if (n.priority >= HIGH) announce(n);
        },
        onUnread: (unread) => {
          // A count we did not expect: read or archived elsewhere (another tab, the
          // phone). The lists on screen show it again as it is.
          if (setUnread(queryClient, unread)) {
            void queryClient.invalidateQueries({ queryKey: NOTIFICATION_LISTS_KEY });
          }
        },
        onTask: (event) => applyTaskEvent(queryClient, event),
        onReconnected: () =>
          void queryClient.invalidateQueries({ queryKey: NOTIFICATION_LISTS_KEY }),
      });
    };
    const stop = () => {
      stream?.close();
      stream = null;
    };
    const retry = () => stream?.retryNow();

    start();
    const unsubscribe = onSessionChange((signedIn) => (signedIn ? start() : stop()));
    window.addEventListener('online', retry);
    return () => {
      stop();
      unsubscribe();
      window.removeEventListener('online', retry);
    };
  }, [queryClient]);
}
