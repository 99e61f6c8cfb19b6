import { Bell, Mail, MessageSquareText, Smartphone, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';
import { cn } from '@/lib/utils';

import { useNotification, type ChannelOut } from '../api/get-notification';
import type { Notification } from '../api/get-notifications';
import { channelStatusText, formatUntil, statusTone, type StatusTone } from '../lib/channel-status';

const CHANNEL_ICONS: Record<ChannelOut['channel'], LucideIcon> = {
  in_app: Bell,
  email: Mail,
  sms: MessageSquareText,
  push: Smartphone,
};

const DOT: Record<StatusTone, string> = {
  success: 'bg-emerald-600',
  destructive: 'bg-destructive',
  warning: 'bg-amber-500',
  outline: 'bg-ring',
  secondary: 'bg-muted-foreground/50',
};

/** Channels in a steady order: the app first. */
const ORDER: ChannelOut['channel'][] = ['in_app', 'email', 'sms', 'push'];

/**
 * Under an opened notification: when it came, was read or archived, and what became of
 * it on each channel, in words ("Différée (ne pas déranger) jusqu’à 08:00").
 */
export function NotificationDetail({
  notification: n,
  id,
  now,
}: {
  notification: Notification;
  id: string;
  now: number;
}) {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const detail = useNotification(n.id);
  const until = (iso: string) => formatUntil(iso, now, format.locale, format.timeZone);
  const channels = [...(detail.data?.channels ?? [])].sort(
    (a, b) => ORDER.indexOf(a.channel) - ORDER.indexOf(b.channel),
  );
  const facts = [
    t('detail.received', { when: format.dateTime(n.created_at) }),
    n.read_at ? t('detail.read', { when: format.dateTime(n.read_at) }) : null,
    n.archived_at ? t('detail.archived', { when: format.dateTime(n.archived_at) }) : null,
  ].filter(Boolean);

  return (
    <div id={id} className="bg-muted/40 grid gap-3 border-t px-4 py-3 sm:pl-15">
      <p className="text-muted-foreground text-xs">{facts.join(' · ')}</p>
      <div className="grid gap-2">
        <h3 className="text-sm font-medium">{t('detail.channels')}</h3>
        {detail.isPending ? (
          <div className="grid gap-2" aria-busy>
            <Skeleton className="h-4 w-64 max-w-full" />
            <Skeleton className="h-4 w-52 max-w-full" />
          </div>
        ) : detail.isError ? (
          <div role="alert" className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-destructive">{problemMessage(detail.error)}</span>
            <Button variant="outline" size="sm" onClick={() => void detail.refetch()}>
              {tc('common.retry')}
            </Button>
          </div>
        ) : channels.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t('detail.no_channels')}</p>
        ) : (
          <ul className="grid gap-x-6 gap-y-2 xl:grid-cols-2">
            {channels.map((channel) => {
              const Icon = CHANNEL_ICONS[channel.channel] ?? Bell;
              return (
                <li key={channel.channel} className="flex items-start gap-2 text-sm">
                  <Icon className="text-muted-foreground mt-0.5 size-4 shrink-0" aria-hidden />
                  <span className="w-24 shrink-0 font-medium">
                    {t(`channels.${channel.channel}`)}
                  </span>
                  <span className="flex min-w-0 items-start gap-1.5">
                    <span
                      aria-hidden
                      className={cn(
                        'mt-1.5 size-2 shrink-0 rounded-full',
                        DOT[statusTone(channel.status)],
                      )}
                    />
                    <span className="break-words">{channelStatusText(channel, t, until)}</span>
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}
