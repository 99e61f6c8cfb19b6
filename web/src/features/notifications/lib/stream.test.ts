import { describe, expect, it, vi } from 'vitest';

import type { Notification } from '../api/get-notifications';
import {
  openNotificationStream,
  reconnectDelay,
  SeenIds,
  streamUrl,
  type EventSourceLike,
  type StreamOptions,
} from './stream';

/** An EventSource the test drives: `emit('notification', …)`, `fail()`. */
class FakeSource implements EventSourceLike {
  closed = false;
  private listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close() {
    this.closed = true;
  }

  emit(type: string, data = '', lastEventId = '') {
    const event = { data, lastEventId } as MessageEvent<string>;
    this.listeners.get(type)?.forEach((listener) => listener(event));
  }

  notify(n: Notification) {
    this.emit('notification', JSON.stringify(n), n.id);
  }

  fail() {
    this.emit('error');
  }
}

const note = (id: string): Notification => ({
  id,
  user_id: 'me',
  title: `Title ${id}`,
  message: 'Message',
  category: 'hse',
  priority: 1,
  link: null,
  data: {},
  created_at: '2026-12-06T10:00:00Z',
  read_at: null,
  archived_at: null,
});

/** A stream over fake sources and a fake clock; tickets t1, t2… */
function setup(overrides: Partial<StreamOptions> = {}) {
  const sources: FakeSource[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  let tickets = 0;
  const onNotification = vi.fn();
  const onUnread = vi.fn();
  const onReconnected = vi.fn();
  const fetchTicket = vi.fn(() => Promise.resolve(`t${++tickets}`));
  const stream = openNotificationStream({
    fetchTicket,
    onNotification,
    onUnread,
    onReconnected,
    connect: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    random: () => 0.5,
    setTimer: (run, ms) => {
      const timer = { run, ms };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      const index = timers.indexOf(timer as (typeof timers)[number]);
      if (index >= 0) timers.splice(index, 1);
    },
    ...overrides,
  });
  /** Runs the pending retry, then lets its ticket arrive. */
  const elapse = async () => {
    const timer = timers.shift();
    if (!timer) throw new Error('no retry is waiting');
    timer.run();
    await flush();
    return timer.ms;
  };
  return { stream, sources, timers, fetchTicket, onNotification, onUnread, onReconnected, elapse };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const last = <T>(items: T[]) => items[items.length - 1] as T;

describe('reconnectDelay', () => {
  it('waits 1 s, 2 s, 5 s, then longer, never above 30 s', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((n) => reconnectDelay(n, middle))).toEqual([
      1000, 2000, 5000, 10000, 20000, 30000, 30000, 30000,
    ]);
  });

  it('spreads tabs by ±20 %', () => {
    expect(reconnectDelay(0, () => 0)).toBe(800);
    expect(reconnectDelay(5, () => 1)).toBe(36000);
  });
});

describe('streamUrl', () => {
  it('carries the ticket, and the last id once there is one', () => {
    expect(streamUrl('abc', null)).toBe('/api/v1/notifications/stream?ticket=abc');
    expect(streamUrl('a+b', 'id-9')).toBe(
      '/api/v1/notifications/stream?ticket=a%2Bb&last_event_id=id-9',
    );
  });
});

describe('SeenIds', () => {
  it('says whether an id is new, and forgets the oldest past its size', () => {
    const seen = new SeenIds(2);
    expect(seen.add('a')).toBe(true);
    expect(seen.add('a')).toBe(false);
    seen.add('b');
    seen.add('c');
    expect(seen.add('a')).toBe(true);
    expect(seen.add('c')).toBe(false);
  });
});

describe('openNotificationStream', () => {
  it('opens with a ticket and passes notifications and counts on', async () => {
    const { sources, onNotification, onUnread } = setup();
    await flush();
    const source = last(sources);
    expect(source.url).toBe('/api/v1/notifications/stream?ticket=t1');
    source.emit('open');
    source.emit('unread', '{"unread":4}');
    source.notify(note('n1'));
    expect(onUnread).toHaveBeenCalledWith(4);
    expect(onNotification).toHaveBeenCalledWith(note('n1'));
  });

  it("passes your tasks' progress on, and drops a task event it cannot read", async () => {
    const onTask = vi.fn();
    const { sources } = setup({ onTask });
    await flush();
    const source = last(sources);
    source.emit('task', '{"id":"t-1","progress":{"done":250,"total":600}}');
    source.emit('task', '{"id":"t-1"}');
    source.emit('task', 'not json');
    source.emit('task', '{"progress":{"done":1,"total":2}}');
    expect(onTask.mock.calls).toEqual([
      [{ id: 't-1', progress: { done: 250, total: 600 } }],
      [{ id: 't-1' }],
    ]);
  });

  it('on an error, reopens with a new ticket and the last id received', async () => {
    const { sources, fetchTicket, elapse, onReconnected } = setup();
    await flush();
    const first = last(sources);
    first.emit('open');
    first.notify(note('n1'));
    first.notify(note('n2'));
    first.fail();
    expect(first.closed).toBe(true);
    expect(await elapse()).toBe(1000);
    expect(fetchTicket).toHaveBeenCalledTimes(2);
    const second = last(sources);
    expect(second.url).toBe('/api/v1/notifications/stream?ticket=t2&last_event_id=n2');
    second.emit('open');
    expect(onReconnected).toHaveBeenCalledTimes(1);
  });

  it('drops the notifications a reconnection sends again', async () => {
    const { sources, elapse, onNotification } = setup();
    await flush();
    last(sources).notify(note('n1'));
    last(sources).fail();
    await elapse();
    last(sources).notify(note('n1'));
    last(sources).notify(note('n2'));
    expect(onNotification.mock.calls.map(([n]) => (n as Notification).id)).toEqual(['n1', 'n2']);
  });

  it('waits longer after each failed try, and starts over once connected', async () => {
    const { sources, elapse } = setup();
    await flush();
    last(sources).fail();
    expect(await elapse()).toBe(1000);
    last(sources).fail();
    expect(await elapse()).toBe(2000);
    last(sources).fail();
    expect(await elapse()).toBe(5000);
    last(sources).emit('open');
    last(sources).fail();
    expect(await elapse()).toBe(1000);
  });

  it('retries when no ticket can be had (offline), and at once when asked', async () => {
    const fetchTicket = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue('t9');
    const { stream, sources, timers } = setup({ fetchTicket });
    await flush();
    expect(sources).toHaveLength(0);
    expect(timers).toHaveLength(1);
    stream.retryNow();
    await flush();
    expect(timers).toHaveLength(0);
    expect(last(sources).url).toContain('ticket=t9');
  });

  it('closes for good: no retry, and a ticket still on its way opens nothing', async () => {
    let resolve: (ticket: string) => void = () => {};
    const fetchTicket = vi.fn(() => new Promise<string>((done) => (resolve = done)));
    const { stream, sources, timers } = setup({ fetchTicket });
    stream.close();
    resolve('late');
    await flush();
    expect(sources).toHaveLength(0);

    const open = setup();
    await flush();
    const source = last(open.sources);
    open.stream.close();
    expect(source.closed).toBe(true);
    source.fail();
    expect(open.timers).toHaveLength(0);
    expect(timers).toHaveLength(0);
  });

  it('ignores events it cannot read', async () => {
    const { sources, onNotification, onUnread } = setup();
    await flush();
    last(sources).emit('notification', 'not json', 'x');
    last(sources).emit('unread', '{"unread":"many"}');
    expect(onNotification).not.toHaveBeenCalled();
    expect(onUnread).not.toHaveBeenCalled();
  });
});
