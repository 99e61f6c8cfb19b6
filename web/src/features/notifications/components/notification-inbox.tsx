import { Link, useNavigate } from '@tanstack/react-router';
import { BellOff, Settings2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState } from '@/components/data/list-states';
import { buttonVariants } from '@/components/ui/button';
import { SheetDescription, SheetHeader, SheetTitle } from '@/components/ui/sheet';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/utils';

import { useNotifications, type Notification } from '../api/get-notifications';
import { useUnreadCount } from '../api/get-unread-count';
import { useMarkRead } from '../api/mark-read';
import { useNow } from '../hooks/use-now';
import { notificationHref } from '../lib/presentation';
import { CategoryIcon } from './category-icon';
import { MarkAllReadButton } from './mark-all-read-button';
import { NotificationSummary } from './notification-summary';

/** What the bell's panel shows: the latest ones. */
export const INBOX_SIZE = 20;

function InboxSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="grid gap-1 p-2" aria-busy>
      <span className="sr-only">{t('common.loading')}</span>
      {Array.from({ length: 4 }, (_, index) => (
        <div key={index} className="flex gap-3 px-2 py-3">
          <Skeleton className="size-8 rounded-full" />
          <div className="grid flex-1 gap-2">
            <Skeleton className="h-4 w-3/5" />
            <Skeleton className="h-3 w-full" />
            <Skeleton className="h-3 w-1/4" />
          </div>
        </div>
      ))}
    </div>
  );
}

/**
 * The bell's panel: the latest notifications, unread ones emphasised. Opening one marks
 * it read and goes to its record (or the notifications page); `onDone` closes the panel.
 */
export function NotificationInbox({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('notifications');
  const navigate = useNavigate();
  const list = useNotifications({}, INBOX_SIZE);
  const unread = useUnreadCount().data ?? 0;
  const markRead = useMarkRead();
  const now = useNow();
  const items = (list.data?.pages[0]?.items ?? []).slice(0, INBOX_SIZE);

  const open = (n: Notification) => {
    if (!n.read_at) markRead.mutate(n.id);
    onDone();
    void navigate({ href: notificationHref(n.link) });
  };

  return (
    <>
      <SheetHeader>
        <SheetTitle>{t('inbox.title')}</SheetTitle>
        <SheetDescription>{t('inbox.description')}</SheetDescription>
      </SheetHeader>
      <div className="flex items-center justify-between gap-2 border-b px-2 py-1.5">
        <MarkAllReadButton unread={unread} />
        <Link
          to="/profile"
          search={{ tab: 'notifications' }}
          onClick={onDone}
          className={buttonVariants({ variant: 'ghost', size: 'sm' })}
        >
          <Settings2 aria-hidden />
          {t('preferences_link')}
        </Link>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {list.isPending ? (
          <InboxSkeleton />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState icon={BellOff} title={t('empty')} hint={t('empty_hint')} />
        ) : (
          <ul className="divide-y" aria-label={t('inbox.title')}>
            {items.map((n) => (
              <li key={n.id}>
                <button
                  type="button"
                  onClick={() => open(n)}
                  className={cn(
                    'hover:bg-accent focus-visible:bg-accent focus-visible:ring-ring flex w-full gap-3 px-4 py-3 text-left focus-visible:ring-2 focus-visible:outline-none focus-visible:ring-inset',
                    !n.read_at && 'bg-primary/5',
                  )}
                >
                  <CategoryIcon category={n.category} priority={n.priority} />
                  <NotificationSummary notification={n} now={now} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="border-t p-3">
        <Link
          to="/notifications"
          onClick={onDone}
          className={buttonVariants({ variant: 'outline', className: 'w-full' })}
        >
          {t('inbox.see_all')}
        </Link>
      </div>
    </>
  );
}
