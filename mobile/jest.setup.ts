import { configure } from '@testing-library/react-native';

import type { MemoryStore as MemoryStoreType } from './src/sync/store';

// Native modules without a JavaScript fallback in Jest get their maintainers' mocks.
jest.mock('@react-native-community/netinfo', () =>
  jest.requireActual<object>('@react-native-community/netinfo/jest/netinfo-mock.js'),
);

// The Keychain/Keystore: an in-memory Map the tests can inspect (src/testing/).
jest.mock('expo-secure-store', () => jest.requireActual<object>('./src/testing/fake-secure-store'));

// The outbox's item ids and idempotency keys: Node's UUIDs (jest-expo's stand-in for the
// native module returns undefined, so every item would share one id).
jest.mock('expo-crypto', () => ({ randomUUID: () => crypto.randomUUID() }));

// Push needs a device: permission refused, no token, listeners that do nothing.
jest.mock('expo-notifications', () => {
  const subscription = () => ({ remove: jest.fn() });
  return {
    AndroidImportance: { HIGH: 5 },
    setNotificationHandler: jest.fn(),
    setNotificationChannelAsync: jest.fn(() => Promise.resolve(null)),
    getPermissionsAsync: jest.fn(() => Promise.resolve({ granted: false, canAskAgain: false })),
    requestPermissionsAsync: jest.fn(() => Promise.resolve({ granted: false })),
    getDevicePushTokenAsync: jest.fn(() => Promise.reject(new Error('no device'))),
    addPushTokenListener: jest.fn(subscription),
    addNotificationReceivedListener: jest.fn(subscription),
    addNotificationResponseReceivedListener: jest.fn(subscription),
    getLastNotificationResponse: jest.fn(() => null),
    clearLastNotificationResponse: jest.fn(),
  };
});

// The outbox's SQLite database: a store in memory (one per test file; see src/sync/store.ts).
jest.mock('./src/sync/sqlite-store', () => {
  const { MemoryStore } = jest.requireActual<{ MemoryStore: typeof MemoryStoreType }>(
    './src/sync/store',
  );
  const store = new MemoryStore();
  return { SqliteStore: { open: () => Promise.resolve(store) } };
});

// findBy/waitFor wait up to 10 s instead of 1 s: under `make test` jest shares two cores with
// the Rust suites, and a first render can take seconds there. A passing wait ends at once.
configure({ asyncUtilTimeout: 10_000 });
