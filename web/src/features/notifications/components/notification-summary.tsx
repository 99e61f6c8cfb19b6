import { useTranslation } from 'react-i18next';

import { useFormat } from '@/lib/i18n/format';
import { cn } from '@/lib/utils';

import type { Notification } from '../api/get-notifications';
import { PriorityBadge } from './priority-badge';

/** "il y a 5 minutes", the full date on hover; never "in 2 seconds" from a fast server clock. */
export function ReceivedAt({ at, now }: { at: string; now: number }) {
  const format = useFormat();
  return (
    <time dateTime={at} title={format.dateTime(at)} className="whitespace-nowrap">
      {format.relative(at, Math.max(now, Date.parse(at)))}
    </time>
  );
}

/**
 * A notification's words: its title (bold while unread), its message (two lines unless
 * `full`), then its priority, category and age.
 */
export function NotificationSummary({
  notification: n,
  now,
  full = false,
  showCategory = false,
}: {
  notification: Notification;
  now: number;
  full?: boolean;
  showCategory?: boolean;
}) {
  const { t } = useTranslation('notifications');
  const unread = !n.read_at;
  return (
    <span className="grid min-w-0 flex-1 gap-1">
      <span className="flex items-start gap-2">
        <span
          className={cn(
            'min-w-0 flex-1 text-sm break-words',
            unread ? 'text-foreground font-semibold' : 'text-foreground/90 font-medium',
          )}
        >
          {n.title}
        </span>
        {unread ? (
          <span className="bg-primary mt-1.5 size-2 shrink-0 rounded-full">
            <span className="sr-only">{t('unread')}</span>
          </span>
        ) : null}
      </span>
      {n.message ? (
        <span
          className={cn(
            'text-muted-foreground text-sm break-words',
            // Paragraphs when opened; one flow of two lines in a list.
            full ? 'whitespace-pre-line' : 'line-clamp-2',
          )}
        >
          {n.message}
        </span>
      ) : null}
      <span className="text-muted-foreground flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
        <PriorityBadge priority={n.priority} />
        {showCategory ? <span>{t(`categories.${n.category}`)}</span> : null}
        {showCategory ? <span aria-hidden>·</span> : null}
        <ReceivedAt at={n.created_at} now={now} />
      </span>
    </span>
  );
}
