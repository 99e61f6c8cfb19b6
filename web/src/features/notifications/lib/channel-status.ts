import type { TFunction } from 'i18next';

import type { ChannelOut } from '../api/get-notification';

/** `t` of the `notifications` namespace (fixed to one language in tests). */
export type NotificationsT = TFunction<'notifications'>;

const REASONS = [
  'below_min_priority',
  'category_muted',
  'channel_disabled',
  'sms_urgent_only',
  'no_phone',
  'no_device',
] as const;
type Reason = (typeof REASONS)[number];
const isReason = (reason: string): reason is Reason =>
  (REASONS as readonly string[]).includes(reason);

/** How each status looks: a badge colour. */
export type StatusTone = 'success' | 'warning' | 'destructive' | 'secondary' | 'outline';

export function statusTone(status: string): StatusTone {
  switch (status) {
    case 'sent':
      return 'success';
    case 'failed':
      return 'destructive';
    case 'deferred':
      return 'warning';
    case 'pending':
      return 'outline';
    default:
      return 'secondary';
  }
}

/**
 * When a deferred delivery goes, in the user's time zone: "08:00" within the next day,
 * else with its date ("7 déc. 2026, 08:00"), which an hour alone would not tell.
 */
export function formatUntil(iso: string, now: number, locale: string, timeZone?: string): string {
  const at = new Date(iso);
  const soon = at.getTime() > now && at.getTime() - now < 24 * 60 * 60 * 1000;
  const options: Intl.DateTimeFormatOptions = soon
    ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
    : { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(at);
  }
}

/**
 * What became of a notification on one channel, in words: "Envoyée", "Ignorée :
 * catégorie masquée", "Différée (ne pas déranger) jusqu’à 08:00". `until` formats the
 * time a deferred one goes. Statuses or reasons this version does not know are shown
 * as the API wrote them.
 */
export function channelStatusText(
  channel: Pick<ChannelOut, 'status' | 'reason' | 'deliver_at'>,
  t: NotificationsT,
  until: (iso: string) => string,
): string {
  const { status, reason, deliver_at } = channel;
  switch (status) {
    case 'sent':
    case 'pending':
    case 'failed':
      return t(`status.${status}`);
    case 'skipped':
      if (!reason) return t('status.skipped');
      return t('status.skipped_because', {
        reason: isReason(reason) ? t(`reasons.${reason}`) : reason,
      });
    case 'deferred':
      if (reason === 'dnd' || reason === 'digest') {
        return deliver_at
          ? t(`status.deferred_${reason}_until`, { time: until(deliver_at) })
          : t(`status.deferred_${reason}`);
      }
      return t('status.deferred');
    default:
      return reason ? `${status} (${reason})` : status;
  }
}
