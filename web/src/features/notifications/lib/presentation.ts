import {
  AtSign,
  CalendarClock,
  ClipboardCheck,
  HardHat,
  MessageSquare,
  Newspaper,
  RefreshCw,
  Settings,
  ShieldAlert,
  type LucideIcon,
} from 'lucide-react';

import type { Category } from '../api/get-notifications';

/** Each category's icon, beside every notification. */
export const CATEGORY_ICONS: Record<Category, LucideIcon> = {
  system: Settings,
  security: ShieldAlert,
  hse: HardHat,
  action: ClipboardCheck,
  comment: MessageSquare,
  mention: AtSign,
  update: RefreshCw,
  digest: Newspaper,
  calendar: CalendarClock,
};

export const HIGH = 2;
export const URGENT = 3;

/** "99+" past 99: the badge keeps its size. */
export function badgeCount(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

/**
 * Where opening a notification leads: its link when it is a path of this app, else
 * the notifications page (a link elsewhere is not followed from here).
 */
export function notificationHref(link: string | null | undefined): string {
  if (!link || !link.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) {
    return '/notifications';
  }
  return link;
}
