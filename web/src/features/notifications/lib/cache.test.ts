import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';

import { notificationsQueryOptions, type Notification } from '../api/get-notifications';
import { unreadCountQueryOptions } from '../api/get-unread-count';
import {
  addToLists,
  archiveInLists,
  markReadInLists,
  matchesFilters,
  prependItem,
  setUnread,
  shiftUnread,
  type Pages,
} from './cache';

const note = (id: string, fields: Partial<Notification> = {}): Notification => ({
  id,
  user_id: 'me',
  title: id,
  message: '',
  category: 'hse',
  priority: 1,
  link: null,
  data: {},
  created_at: '2026-12-06T10:00:00Z',
  read_at: null,
  archived_at: null,
  ...fields,
});
const pages = (...lists: Notification[][]): Pages => ({
  pages: lists.map((items, index) => ({
    items,
    next_cursor: index < lists.length - 1 ? `c${index}` : null,
  })),
  pageParams: lists.map((_, index) => (index === 0 ? undefined : `c${index - 1}`)),
});
const ids = (data: Pages | undefined) =>
  data?.pages.map((page) => page.items.map((item) => item.id));

describe('matchesFilters', () => {
  it('keeps the inbox, the unread view and categories apart', () => {
    const fresh = note('a');
    const read = note('b', { read_at: '2026-12-06T11:00:00Z' });
    const archived = note('c', { archived_at: '2026-12-06T11:00:00Z' });
    expect(matchesFilters(fresh, {})).toBe(true);
    expect(matchesFilters(read, { unread: true })).toBe(false);
    expect(matchesFilters(archived, {})).toBe(false);
    expect(matchesFilters(archived, { archived: true })).toBe(true);
    expect(matchesFilters(fresh, { category: 'hse' })).toBe(true);
    expect(matchesFilters(fresh, { category: 'security' })).toBe(false);
  });
});

describe('prependItem', () => {
  it('puts a new notification first, once', () => {
    const data = pages([note('b')], [note('a')]);
    const next = prependItem(data, note('c'));
    expect(ids(next)).toEqual([['c', 'b'], ['a']]);
    expect(prependItem(next, note('a'))).toBe(next);
  });
});

describe('the cache', () => {
  function cached() {
    const queryClient = new QueryClient();
    const inbox = notificationsQueryOptions({}, 20).queryKey;
    const security = notificationsQueryOptions({ category: 'security' }, 30).queryKey;
    const archive = notificationsQueryOptions({ archived: true }, 30).queryKey;
    queryClient.setQueryData(inbox, pages([note('b'), note('a', { read_at: 'x' })]));
    queryClient.setQueryData(security, pages([]));
    queryClient.setQueryData(archive, pages([note('z', { archived_at: 'x' })]));
    queryClient.setQueryData(unreadCountQueryOptions().queryKey, { unread: 1 });
    const unread = () => queryClient.getQueryData(unreadCountQueryOptions().queryKey)?.unread;
    return { queryClient, inbox, security, archive, unread };
  }

  it('adds an arrival to the lists that show it only', () => {
    const { queryClient, inbox, security, archive } = cached();
    addToLists(queryClient, note('c'));
    expect(ids(queryClient.getQueryData(inbox))).toEqual([['c', 'b', 'a']]);
    expect(ids(queryClient.getQueryData(security))).toEqual([[]]);
    expect(ids(queryClient.getQueryData(archive))).toEqual([['z']]);
  });

  it('marks read once: the badge moves only for an unread one', () => {
    const { queryClient, inbox } = cached();
    expect(markReadInLists(queryClient, 'b', 'now')).toBe(true);
    expect(markReadInLists(queryClient, 'b', 'later')).toBe(false);
    expect(markReadInLists(queryClient, 'a', 'now')).toBe(false);
    const items = queryClient.getQueryData(inbox)?.pages[0]?.items;
    expect(items?.map((n) => n.read_at)).toEqual(['now', 'x']);
  });

  it('archives out of the inbox, not out of the archive', () => {
    const { queryClient, inbox, archive } = cached();
    expect(archiveInLists(queryClient, 'b')).toBe(true);
    expect(ids(queryClient.getQueryData(inbox))).toEqual([['a']]);
    expect(archiveInLists(queryClient, 'z')).toBe(false);
    expect(ids(queryClient.getQueryData(archive))).toEqual([['z']]);
  });

  it('moves the badge, never below zero, and takes the server’s count', () => {
    const { queryClient, unread } = cached();
    shiftUnread(queryClient, 1);
    expect(unread()).toBe(2);
    shiftUnread(queryClient, -5);
    expect(unread()).toBe(0);
    expect(setUnread(queryClient, 0)).toBe(false);
    expect(setUnread(queryClient, 7)).toBe(true);
    expect(unread()).toBe(7);
  });
});
