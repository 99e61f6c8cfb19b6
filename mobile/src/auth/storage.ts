import * as SecureStore from 'expo-secure-store';
import { Platform } from 'react-native';

/** A small string store: the session's tokens, or the device's settings. */
export type KeyValueStore = {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
};

function memoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    get: (key) => Promise.resolve(values.get(key) ?? null),
    set: (key, value) => {
      values.set(key, value);
      return Promise.resolve();
    },
    delete: (key) => {
      values.delete(key);
      return Promise.resolve();
    },
  };
}

/** The Keychain (iOS) or the Keystore-encrypted preferences (Android). */
const keychain: KeyValueStore = {
  get: (key) => SecureStore.getItemAsync(key),
  set: (key, value) =>
    SecureStore.setItemAsync(key, value, {
      keychainAccessible: SecureStore.AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY,
    }),
  delete: (key) => SecureStore.deleteItemAsync(key),
};

/** `localStorage` in a browser that has it (the web export), else memory. */
function browserStore(): KeyValueStore {
  const storage = (globalThis as { localStorage?: Storage }).localStorage;
  if (!storage) return memoryStore();
  return {
    get: (key) => Promise.resolve(storage.getItem(key)),
    set: (key, value) => Promise.resolve(storage.setItem(key, value)),
    delete: (key) => Promise.resolve(storage.removeItem(key)),
  };
}

const isWeb = Platform.OS === 'web';

/**
 * Secrets (tokens): the platform's secure store. A web build has none, so there they
 * live in memory only: a reload signs out, and no script can read them from storage.
 */
export const secretStore: KeyValueStore = isWeb ? memoryStore() : keychain;

/**
 * Settings that must survive a restart but are not secret (the API address, the
 * language): the secure store on a phone (it is there and small values fit), the
 * browser's storage on the web.
 */
export const settingsStore: KeyValueStore = isWeb ? browserStore() : keychain;

/** Every key this app writes, in one place so a sign-out knows exactly what to forget. */
export const KEYS = {
  /** The session: access and refresh tokens, expiry (JSON, `StoredTokens`). */
  tokens: 'opsflux.session.tokens',
  /** `/auth/me` as last seen, so the app opens offline on the user's screens. */
  user: 'opsflux.session.user',
  /** The push registration's id (`DELETE /devices/{id}` at sign-out). */
  pushDevice: 'opsflux.session.push_device',
  /** "Trust this device": skips the second factor for 30 days; outlives sign-outs. */
  trustedDevice: 'opsflux.trusted_device',
  apiUrl: 'opsflux.settings.api_url',
  language: 'opsflux.settings.language',
} as const;

/** What a session loss or a sign-out deletes: the session's keys, nothing else. */
export const SESSION_KEYS = [KEYS.tokens, KEYS.user, KEYS.pushDevice] as const;
