import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';

import type { SyncEngine } from './engine';
import type { Clock } from './outbox';
import type { Store } from './store';

/** What the field screens need: the store they read, the engine, and ids and time. */
export type SyncServices = {
  store: Store;
  engine: SyncEngine;
  clock: Clock;
  /** Asks for a sync now (after queueing something). */
  poke: () => void;
  isOnline: () => boolean;
};

const SyncContext = createContext<SyncServices | null>(null);

export function SyncProvider({ value, children }: { value: SyncServices; children: ReactNode }) {
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

export function useSync(): SyncServices {
  const services = useContext(SyncContext);
  if (!services) throw new Error('useSync outside a SyncProvider');
  return services;
}

/** Pull to refresh: a sync now, `refreshing` while it runs (its failures show on items). */
export function usePullToSync(): { refreshing: boolean; refresh: () => void } {
  const { engine } = useSync();
  const [refreshing, setRefreshing] = useState(false);
  const refresh = () => {
    setRefreshing(true);
    engine
      .sync()
      .catch(() => undefined)
      .finally(() => setRefreshing(false));
  };
  return { refreshing, refresh };
}

export type Loaded<T> =
  | { status: 'loading'; data: undefined; error: null; reload: () => void }
  | { status: 'ready'; data: T; error: null; reload: () => void }
  | { status: 'error'; data: undefined; error: unknown; reload: () => void };

/** Reads from the store, and again after every change the engine reports. */
export function useStored<T>(read: (store: Store) => Promise<T>): Loaded<T> {
  const { store, engine } = useSync();
  const [state, setState] = useState<{ data?: T; error: unknown; loaded: boolean }>({
    error: null,
    loaded: false,
  });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((n) => n + 1), []);

  useEffect(() => engine.subscribe(reload), [engine, reload]);
  useEffect(() => {
    let live = true;
    read(store).then(
      (data) => live && setState({ data, error: null, loaded: true }),
      (error: unknown) => live && setState({ error, loaded: true }),
    );
    return () => {
      live = false;
    };
    // `read` is a new function each render: the version and the store say when to read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, version]);

  if (!state.loaded) return { status: 'loading', data: undefined, error: null, reload };
  if (state.error !== null || state.data === undefined) {
    return { status: 'error', data: undefined, error: state.error, reload };
  }
  return { status: 'ready', data: state.data, error: null, reload };
}

/** The engine's status (running, waiting for a session, last error), live. */
export function useSyncStatus() {
  const { engine } = useSync();
  const [status, setStatus] = useState(engine.status);
  useEffect(() => engine.subscribe(() => setStatus(engine.status)), [engine]);
  return status;
}
