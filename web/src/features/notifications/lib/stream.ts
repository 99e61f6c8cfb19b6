import type { TaskEvent } from '@/features/import-export';

import type { Notification } from '../api/get-notifications';

/**
 * Waits before each new try after the stream dropped or could not open: 1 s, 2 s, 5 s,
 * then longer, at most 30 s (a restarting server is not hammered by every open tab).
 */
export const RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000] as const;

/** Ids remembered to drop the ones a reconnection sends again. */
const REMEMBERED = 500;

/** The wait before try number `attempt` (0-based), ±20 % so tabs do not come back together. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base =
    RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ??
    RECONNECT_DELAYS_MS[0];
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The stream's address. A ticket works once, so each connection has its own, and
 * carries the last id received (EventSource would send it as `Last-Event-ID`, but only
 * on its own reconnections, which a spent ticket makes fail).
 */
export function streamUrl(ticket: string, lastEventId: string | null): string {
  const query = new URLSearchParams({ ticket });
  if (lastEventId) query.set('last_event_id', lastEventId);
  return `/api/v1/notifications/stream?${query.toString()}`;
}

/** The last `size` ids seen, oldest forgotten first. */
export class SeenIds {
  private readonly ids = new Set<string>();

  constructor(private readonly size = REMEMBERED) {}

  /** Remembers `id`; false when it was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.size) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}

/** What the stream needs of an EventSource (a fake in tests). */
export type EventSourceLike = {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
};

export type StreamOptions = {
  /** A fresh single-use ticket (`POST /notifications/stream-ticket`). */
  fetchTicket: () => Promise<string>;
  /** Each new notification, once (repeats after a reconnection are dropped). */
  onNotification: (notification: Notification) => void;
  /** The server's unread count: it comes on connecting and after each change. */
  onUnread: (unread: number) => void;
  /**
   * A task of yours moved (an import or export): its progress while it runs, or only
   * its id once a try has settled (read it again).
   */
  onTask?: (event: TaskEvent) => void;
  /** Connected again after a drop: what was missed comes next, lists may be stale. */
  onReconnected?: () => void;
  connect?: (url: string) => EventSourceLike;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
};

export type NotificationStream = {
  /** Closes the stream for good (signed out, tab closing). */
  close(): void;
  /** Tries at once instead of waiting out the delay (the browser came back online). */
  retryNow(): void;
};

function parse<T>(data: string): T | null {
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

/**
 * Keeps one live stream of your notifications open. EventSource reconnects by itself,
 * but with the spent ticket, so on any error this closes it and opens a new one with a
 * fresh ticket and the last id received, after a growing delay.
 */
export function openNotificationStream(options: StreamOptions): NotificationStream {
  const {
    fetchTicket,
    onNotification,
    onUnread,
    onTask,
    onReconnected,
    connect = (url) => new EventSource(url),
    random = Math.random,
    setTimer = (run, ms) => setTimeout(run, ms),
    clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  } = options;
  const seen = new SeenIds();
  let closed = false;
  let source: EventSourceLike | null = null;
  let timer: unknown = null;
  let attempt = 0;
  let lastEventId: string | null = null;
  let everOpened = false;
  /** Bumped by each start, so a slow ticket of an abandoned start opens nothing. */
  let generation = 0;

  const retryLater = () => {
    if (closed || timer !== null) return;
    timer = setTimer(
      () => {
        timer = null;
        void start();
      },
      reconnectDelay(attempt, random),
    );
    attempt += 1;
  };

  async function start() {
    const mine = ++generation;
    let ticket: string;
    try {
      ticket = await fetchTicket();
    } catch {
      if (mine === generation) retryLater();
      return;
    }
    if (closed || mine !== generation) return;
    const current = connect(streamUrl(ticket, lastEventId));
    source = current;
    current.addEventListener('open', () => {
      attempt = 0;
      if (everOpened) onReconnected?.();
      everOpened = true;
    });
    current.addEventListener('notification', (event: MessageEvent<string>) => {
      const notification = parse<Notification>(event.data);
      const id = event.lastEventId || notification?.id;
      if (!notification || !id) return;
      lastEventId = id;
      if (seen.add(id)) onNotification(notification);
    });
    current.addEventListener('unread', (event: MessageEvent<string>) => {
      const unread = parse<{ unread?: unknown }>(event.data)?.unread;
      if (typeof unread === 'number') onUnread(unread);
    });
    current.addEventListener('task', (event: MessageEvent<string>) => {
      const task = parse<TaskEvent>(event.data);
      if (typeof task?.id === 'string') onTask?.(task);
    });
    current.addEventListener('error', () => {
      if (source !== current) return;
      current.close();
      source = null;
      retryLater();
    });
  }

  void start();
  return {
    close() {
      closed = true;
      generation += 1;
      if (timer !== null) clearTimer(timer);
      timer = null;
      source?.close();
      source = null;
    },
    retryNow() {
      if (closed || timer === null) return;
      clearTimer(timer);
      timer = null;
      void start();
    },
  };
}
