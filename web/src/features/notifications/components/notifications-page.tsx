import { Link, useNavigate } from '@tanstack/react-router';
import { Archive, BellOff, Check, ChevronDown, ExternalLink, Settings2 } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { EmptyState, ErrorState } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Button, buttonVariants } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { Tabs, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { problemMessage } from '@/lib/forms/apply-problem';
import { cn } from '@/lib/utils';

import { useArchiveNotification } from '../api/archive-notification';
import {
  useNotifications,
  type Category,
  type Notification,
  type NotificationFilters,
} from '../api/get-notifications';
import { useUnreadCount } from '../api/get-unread-count';
import { useMarkRead } from '../api/mark-read';
import { CATEGORIES, NOTIFICATION_VIEWS, type NotificationView } from '../filters';
import { useNow } from '../hooks/use-now';
import { notificationHref } from '../lib/presentation';
import { CategoryIcon } from './category-icon';
import { MarkAllReadButton } from './mark-all-read-button';
import { NotificationDetail } from './notification-detail';
import { NotificationSummary } from './notification-summary';

const PAGE_SIZE = 30;

function filtersFor(view: NotificationView, category: Category | undefined): NotificationFilters {
  return {
    ...(view === 'unread' ? { unread: true } : {}),
    ...(view === 'archived' ? { archived: true } : {}),
    ...(category ? { category } : {}),
  };
}

function ListSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="divide-y" aria-busy>
      <span className="sr-only">{t('common.loading')}</span>
      {Array.from({ length: 4 }, (_, index) => (
        <div key={index} className="flex gap-3 p-4">
          <Skeleton className="size-8 rounded-full" />
          <div className="grid flex-1 gap-2">
            <Skeleton className="h-4 w-2/5" />
            <Skeleton className="h-3 w-4/5" />
            <Skeleton className="h-3 w-24" />
          </div>
        </div>
      ))}
    </div>
  );
}

/**
 * A link to the notification's record that marks it read on the way; a click with a
 * modifier opens a new tab as any link would.
 */
function OpenLink({
  notification: n,
  onOpen,
  className,
}: {
  notification: Notification;
  onOpen: () => void;
  className: string;
}) {
  const { t } = useTranslation('notifications');
  const navigate = useNavigate();
  const href = notificationHref(n.link);
  return (
    <a
      href={href}
      className={buttonVariants({ variant: 'ghost', size: 'sm', className })}
      aria-label={t('actions.open_named', { title: n.title })}
      onClick={(event) => {
        onOpen();
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        void navigate({ href });
      }}
    >
      <ExternalLink aria-hidden />
      {t('actions.open')}
    </a>
  );
}

/** One notification: its words, its actions, and its delivery once opened. */
function NotificationRow({ notification: n, now }: { notification: Notification; now: number }) {
  const { t } = useTranslation('notifications');
  const [expanded, setExpanded] = useState(false);
  const detailId = useId();
  const markRead = useMarkRead();
  const archive = useArchiveNotification();
  const unread = !n.read_at;
  const read = () => {
    if (unread) markRead.mutate(n.id, { onError: (error) => toast.error(problemMessage(error)) });
  };

  const action = 'text-muted-foreground hover:text-foreground h-7 px-2 text-xs';

  return (
    <li className={cn(unread && 'bg-primary/5')}>
      <div className="flex items-start gap-3 p-4 pb-2">
        <CategoryIcon category={n.category} priority={n.priority} className="mt-0.5" />
        <div className="grid min-w-0 flex-1 gap-1.5">
          <button
            type="button"
            className="focus-visible:ring-ring flex min-w-0 items-start gap-2 rounded-sm text-left focus-visible:ring-2 focus-visible:outline-none"
            aria-expanded={expanded}
            aria-controls={detailId}
            onClick={() => {
              // Opening it is reading it.
              if (!expanded) read();
              setExpanded(!expanded);
            }}
          >
            <NotificationSummary notification={n} now={now} full={expanded} showCategory />
            <ChevronDown
              aria-hidden
              className={cn(
                'text-muted-foreground mt-0.5 size-4 shrink-0 transition-transform',
                expanded && 'rotate-180',
              )}
            />
          </button>
          <div className="-ml-2 flex flex-wrap items-center gap-1">
            {n.link ? <OpenLink notification={n} onOpen={read} className={action} /> : null}
            {unread ? (
              <Button
                variant="ghost"
                size="sm"
                className={action}
                aria-label={t('actions.mark_read_named', { title: n.title })}
                onClick={read}
              >
                <Check aria-hidden />
                {t('actions.mark_read')}
              </Button>
            ) : null}
            {n.archived_at ? null : (
              <Button
                variant="ghost"
                size="sm"
                className={action}
                aria-label={t('actions.archive_named', { title: n.title })}
                onClick={() =>
                  archive.mutate(n.id, {
                    onSuccess: () => toast.success(t('archived')),
                    onError: (error) => toast.error(problemMessage(error)),
                  })
                }
              >
                <Archive aria-hidden />
                {t('actions.archive')}
              </Button>
            )}
          </div>
        </div>
      </div>
      {expanded ? <NotificationDetail notification={n} id={detailId} now={now} /> : null}
    </li>
  );
}

/**
 * Every notification: the inbox (all or unread) or the archive, by category, a page at
 * a time; each one can be opened, marked read, archived, and shows its delivery.
 */
export function NotificationsPage({
  view,
  category,
  onChange,
}: {
  view: NotificationView;
  category: Category | undefined;
  onChange: (next: { view: NotificationView; category: Category | undefined }) => void;
}) {
  const { t } = useTranslation('notifications');
  const now = useNow();
  const unread = useUnreadCount().data ?? 0;
  const list = useNotifications(filtersFor(view, category), PAGE_SIZE);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const emptyTitle =
    view === 'unread' ? t('empty_unread') : view === 'archived' ? t('empty_archived') : t('empty');

  return (
    <PageBody>
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <MarkAllReadButton unread={unread} size="default" variant="outline" />
            <Link
              to="/profile"
              search={{ tab: 'notifications' }}
              className={buttonVariants({ variant: 'outline' })}
            >
              <Settings2 aria-hidden />
              {t('preferences_link')}
            </Link>
          </>
        }
      />
      <div className="flex flex-wrap items-center gap-3">
        <Tabs
          value={view}
          onValueChange={(next) => onChange({ view: next as NotificationView, category })}
          aria-label={t('views.label')}
        >
          <TabsList>
            {NOTIFICATION_VIEWS.map((value) => (
              <TabsTrigger key={value} value={value}>
                {t(`views.${value}`)}
              </TabsTrigger>
            ))}
          </TabsList>
        </Tabs>
        <NativeSelect
          className="w-56"
          aria-label={t('category_filter')}
          value={category ?? ''}
          onChange={(event) =>
            onChange({ view, category: (event.target.value || undefined) as Category | undefined })
          }
        >
          <option value="">{t('all_categories')}</option>
          {CATEGORIES.map((value) => (
            <option key={value} value={value}>
              {t(`categories.${value}`)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="bg-card overflow-hidden rounded-md border">
        {list.isPending ? (
          <ListSkeleton />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            icon={BellOff}
            title={emptyTitle}
            hint={category ? t('empty_filtered') : view === 'all' ? t('empty_hint') : undefined}
          />
        ) : (
          <ul className="divide-y" aria-label={t('title')}>
            {items.map((n) => (
              <NotificationRow key={n.id} notification={n} now={now} />
            ))}
          </ul>
        )}
      </div>
      {list.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="outline"
            pending={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('load_more')}
          </Button>
        </div>
      ) : null}
    </PageBody>
  );
}
