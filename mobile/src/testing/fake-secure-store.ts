/**
 * expo-secure-store for Jest: a Map the tests can read and seed. Records deletions so a
 * test can assert exactly which keys a sign-out or a session loss removed.
 */
export const values = new Map<string, string>();
export const deleted: string[] = [];

export const AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY = 0;

export function getItemAsync(key: string): Promise<string | null> {
  return Promise.resolve(values.get(key) ?? null);
}

export function setItemAsync(key: string, value: string): Promise<void> {
  values.set(key, value);
  return Promise.resolve();
}

export function deleteItemAsync(key: string): Promise<void> {
  deleted.push(key);
  values.delete(key);
  return Promise.resolve();
}

export function reset() {
  values.clear();
  deleted.length = 0;
}
