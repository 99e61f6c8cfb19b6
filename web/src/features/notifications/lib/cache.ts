import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';

import {
  NOTIFICATION_LISTS_KEY,
  type Notification,
  type NotificationFilters,
  type NotificationPage,
} from '../api/get-notifications';
import { unreadCountQueryOptions } from '../api/get-unread-count';

/** A list as the cache holds it: the pages loaded so far. */
export type Pages = InfiniteData<NotificationPage, string | undefined>;

/** Whether a list with these filters shows `n`. */
export function matchesFilters(n: Notification, filters: NotificationFilters): boolean {
  if (Boolean(filters.archived) !== Boolean(n.archived_at)) return false;
  if (filters.unread && n.read_at) return false;
  if (filters.category && filters.category !== n.category) return false;
  return true;
}

export function hasItem(data: Pages, id: string): boolean {
  return data.pages.some((page) => page.items.some((item) => item.id === id));
}

/** `n` at the top of the first page, unless the list has it already. */
export function prependItem(data: Pages, n: Notification): Pages {
  if (hasItem(data, n.id)) return data;
  const [first, ...rest] = data.pages;
  if (!first) return { ...data, pages: [{ items: [n], next_cursor: null }] };
  return { ...data, pages: [{ ...first, items: [n, ...first.items] }, ...rest] };
}

export function updateItem(
  data: Pages,
  id: string,
  update: (n: Notification) => Notification,
): Pages {
  if (!hasItem(data, id)) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.id === id ? update(item) : item)),
    })),
  };
}

export function removeItem(data: Pages, id: string): Pages {
  if (!hasItem(data, id)) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.filter((item) => item.id !== id),
    })),
  };
}

/** The filters of a list's query key (`['notifications', 'list', filters, limit]`). */
function filtersOf(key: QueryKey): NotificationFilters {
  const filters = key[2];
  return typeof filters === 'object' && filters !== null ? filters : {};
}

/** Every cached list with its key (loaded ones only). */
function cachedLists(queryClient: QueryClient) {
  return queryClient
    .getQueriesData<Pages>({ queryKey: NOTIFICATION_LISTS_KEY })
    .filter((entry): entry is [QueryKey, Pages] => entry[1] !== undefined);
}

/** The cached lists as they are now, to put back if an optimistic change is refused. */
export type Snapshot = [QueryKey, Pages][];

export function snapshotLists(queryClient: QueryClient): Snapshot {
  return cachedLists(queryClient);
}

export function restoreLists(queryClient: QueryClient, snapshot: Snapshot) {
  for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
}

/** Moves the badge by `delta` (never below zero); nothing while it is not loaded. */
export function shiftUnread(queryClient: QueryClient, delta: number) {
  queryClient.setQueryData(unreadCountQueryOptions().queryKey, (current) =>
    current ? { unread: Math.max(0, current.unread + delta) } : current,
  );
}

/** The server's count: whether it differs from the badge's. */
export function setUnread(queryClient: QueryClient, unread: number): boolean {
  const key = unreadCountQueryOptions().queryKey;
  const changed = queryClient.getQueryData(key)?.unread !== unread;
  if (changed) queryClient.setQueryData(key, { unread });
  return changed;
}

/** A notification that just arrived: at the top of each list that shows it. */
export function addToLists(queryClient: QueryClient, n: Notification) {
  for (const [key, data] of cachedLists(queryClient)) {
    if (matchesFilters(n, filtersOf(key))) queryClient.setQueryData(key, prependItem(data, n));
  }
}

/** `n` as the server now has it, in every list that holds it. */
export function replaceInLists(queryClient: QueryClient, n: Notification) {
  for (const [key, data] of cachedLists(queryClient)) {
    queryClient.setQueryData(
      key,
      updateItem(data, n.id, () => n),
    );
  }
}

/** Marks `id` read wherever it is listed; whether a list held it unread. */
export function markReadInLists(queryClient: QueryClient, id: string, readAt: string): boolean {
  let wasUnread = false;
  for (const [key, data] of cachedLists(queryClient)) {
    queryClient.setQueryData(
      key,
      updateItem(data, id, (n) => {
        if (n.read_at) return n;
        wasUnread = true;
        return { ...n, read_at: readAt };
      }),
    );
  }
  return wasUnread;
}

/** Marks everything listed read. */
export function markAllReadInLists(queryClient: QueryClient, readAt: string) {
  for (const [key, data] of cachedLists(queryClient)) {
    queryClient.setQueryData(key, {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.map((n) => (n.read_at ? n : { ...n, read_at: readAt })),
      })),
    });
  }
}

/** Takes `id` out of the inbox lists; whether it was listed unread there. */
export function archiveInLists(queryClient: QueryClient, id: string): boolean {
  let wasUnread = false;
  for (const [key, data] of cachedLists(queryClient)) {
    if (filtersOf(key).archived) continue;
    const item = data.pages.flatMap((page) => page.items).find((n) => n.id === id);
    if (!item) continue;
    if (!item.read_at) wasUnread = true;
    queryClient.setQueryData(key, removeItem(data, id));
  }
  return wasUnread;
}
