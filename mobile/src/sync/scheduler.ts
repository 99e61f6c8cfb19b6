import type { SyncEngine } from './engine';

export type AutoSync = {
  /** Something was queued: sync now if online. */
  poke: () => void;
  stop: () => void;
  readonly online: boolean;
};

/**
 * When the outbox syncs: at start, when the device comes back online, when something is
 * queued, when the app returns to the foreground, and when the next item in backoff is
 * due. Connectivity and foreground events are injected (NetInfo and AppState in the app).
 */
export function startAutoSync(
  engine: Pick<SyncEngine, 'sync' | 'nextDueAt'>,
  events: {
    onConnectivity: (listener: (online: boolean) => void) => () => void;
    onForeground?: (listener: () => void) => () => void;
  },
  timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis,
): AutoSync {
  let online = true;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const run = () => {
    if (stopped || !online) return;
    engine
      .sync()
      .then(() => engine.nextDueAt())
      .then((due) => {
        if (timer) timers.clearTimeout(timer);
        timer = null;
        if (due !== null && !stopped) {
          timer = timers.setTimeout(run, Math.max(1_000, due - Date.now()));
        }
      })
      .catch((error: unknown) => console.warn('sync failed', error));
  };

  const offConnectivity = events.onConnectivity((isOnline) => {
    const cameBack = isOnline && !online;
    online = isOnline;
    if (cameBack) run();
  });
  const offForeground = events.onForeground?.(run);
  run();

  return {
    poke: run,
    stop: () => {
      stopped = true;
      if (timer) timers.clearTimeout(timer);
      offConnectivity();
      offForeground?.();
    },
    get online() {
      return online;
    },
  };
}
