import type { Schemas } from '@/lib/api/client';

/**
 * The notifications page's filters, in the URL as `?view=` and `?category=` (kept apart
 * so the route's search check stays light).
 */
export const NOTIFICATION_VIEWS = ['all', 'unread', 'archived'] as const;
export type NotificationView = (typeof NOTIFICATION_VIEWS)[number];

export const CATEGORIES = [
  'system',
  'security',
  'hse',
  'action',
  'comment',
  'mention',
  'update',
  'digest',
  'calendar',
] as const satisfies readonly Schemas['Category'][];

export type NotificationSearch = { view?: NotificationView; category?: Schemas['Category'] };

/** The page's search params, from whatever the URL holds. */
export function notificationSearch(search: Record<string, unknown>): NotificationSearch {
  const view = NOTIFICATION_VIEWS.find((value) => value === search.view);
  const category = CATEGORIES.find((value) => value === search.category);
  return {
    ...(view && view !== 'all' ? { view } : {}),
    ...(category ? { category } : {}),
  };
}
