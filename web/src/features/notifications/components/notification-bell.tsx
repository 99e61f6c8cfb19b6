import { Bell } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Sheet, SheetContent, SheetTrigger } from '@/components/ui/sheet';

import { useUnreadCount } from '../api/get-unread-count';
import { badgeCount } from '../lib/presentation';
import { NotificationInbox } from './notification-inbox';

/**
 * The top bar's bell: the unread count (kept live by `useNotificationStream`, which the
 * shell mounts once), and the latest notifications in a panel over the right of the page.
 */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const unread = useUnreadCount().data ?? 0;
  const [open, setOpen] = useState(false);
  const label = unread > 0 ? t('bell_unread', { count: unread }) : t('bell');

  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="relative" aria-label={label} title={label}>
          <Bell aria-hidden />
          {unread > 0 ? (
            <span
              aria-hidden
              data-testid="notification-badge"
              className="bg-destructive ring-background absolute -top-1 -right-1 flex h-4.5 min-w-4.5 items-center justify-center rounded-full px-1 text-[0.625rem] leading-none font-semibold text-white ring-2"
            >
              {badgeCount(unread)}
            </span>
          ) : null}
        </Button>
      </SheetTrigger>
      <SheetContent>
        {open ? <NotificationInbox onDone={() => setOpen(false)} /> : null}
      </SheetContent>
    </Sheet>
  );
}
