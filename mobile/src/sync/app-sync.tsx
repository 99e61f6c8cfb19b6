/**
 * The outbox wired into the app: the device's store (SQLite; localStorage on the web),
 * the engine sending through the session (`authorizedFetch`, which signs and refreshes),
 * and the auto-sync on start, reconnection (NetInfo) and return to the foreground. The only file of src/sync/ that
 * knows about src/auth/ and the device.
 */
import NetInfo from '@react-native-community/netinfo';
import { randomUUID } from 'expo-crypto';
import { type ReactNode, useEffect, useState } from 'react';
import { AppState } from 'react-native';

import { authorizedFetch, getApiUrl, onSignedIn } from '@/auth';
import { i18n } from '@/i18n';

import { type SyncServices, SyncProvider } from './context';
import { SyncEngine } from './engine';
import { startAutoSync } from './scheduler';
import { openDeviceStore } from './device-store';

let services: Promise<SyncServices> | null = null;

/** The app's one outbox and engine, made on first use. */
export function appSync(): Promise<SyncServices> {
  services ??= (async () => {
    const store = await openDeviceStore();
    const engine = new SyncEngine({
      store,
      baseUrl: getApiUrl,
      fetch: authorizedFetch,
      language: () => i18n.language,
      // React Native's FormData sends a file named by its URI.
      photoPart: (photo) =>
        Promise.resolve({
          value: { uri: photo.uri, name: photo.name, type: photo.type } as unknown as Blob,
        }),
    });
    const auto = startAutoSync(engine, {
      onConnectivity: (listener) =>
        NetInfo.addEventListener((state) => listener(state.isConnected !== false)),
      onForeground: (listener) => {
        const subscription = AppState.addEventListener('change', (status) => {
          if (status === 'active') listener();
        });
        return () => subscription.remove();
      },
    });
    // A refused refresh ended the session and the queue waits (401): a new sign-in lets
    // it go on at once, whichever screen the user lands on.
    onSignedIn(() => {
      engine.sessionRestored();
      auto.poke();
    });
    return {
      store,
      engine,
      clock: { now: Date.now, newId: randomUUID },
      poke: () => {
        engine.notify();
        auto.poke();
      },
      isOnline: () => auto.online,
    };
  })();
  return services;
}

/** Gives the field screens the app's outbox (opened on first use; `fallback` meanwhile). */
export function AppSyncProvider({
  children,
  fallback,
}: {
  children: ReactNode;
  fallback: ReactNode;
}) {
  const [value, setValue] = useState<SyncServices | null>(null);
  useEffect(() => {
    let live = true;
    void appSync().then((loaded) => live && setValue(loaded));
    return () => {
      live = false;
    };
  }, []);
  if (!value) return fallback;
  return <SyncProvider value={value}>{children}</SyncProvider>;
}
