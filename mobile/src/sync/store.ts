/**
 * Where the app keeps what it must not lose: the outbox and the copies of server data.
 * A small key-value interface (JSON text values, keys listed by prefix in key order) so
 * the same sync code runs over expo-sqlite on a device (`sqlite-store.ts`) and over
 * memory or a JSON file in Node (tests, scripts/sync-against-server.mjs).
 *
 * One key is written atomically; the sync code never needs two keys to change together.
 * This file, like the rest of `src/sync/` but `sqlite-store.ts`, imports nothing from
 * React Native or Expo, and only relative paths, so plain Node can run it.
 */
export interface Store {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** Every key starting with `prefix`, with its value, in key order. */
  entries(prefix: string): Promise<[string, string][]>;
}

export async function readJson<T>(store: Store, key: string): Promise<T | null> {
  const text = await store.get(key);
  return text === null ? null : (JSON.parse(text) as T);
}

export function writeJson(store: Store, key: string, value: unknown): Promise<void> {
  return store.set(key, JSON.stringify(value));
}

export async function readAll<T>(store: Store, prefix: string): Promise<T[]> {
  const rows = await store.entries(prefix);
  return rows.map(([, text]) => JSON.parse(text) as T);
}

/**
 * A store in memory. `onChange` sees the whole content after each write: the Node
 * scripts pass one that writes a JSON file, so a new process can start from it.
 */
export class MemoryStore implements Store {
  private readonly data: Map<string, string>;

  constructor(
    initial: Record<string, string> = {},
    private readonly onChange?: (content: Record<string, string>) => void,
  ) {
    this.data = new Map(Object.entries(initial));
  }

  get(key: string) {
    return Promise.resolve(this.data.get(key) ?? null);
  }

  set(key: string, value: string) {
    this.data.set(key, value);
    this.changed();
    return Promise.resolve();
  }

  remove(key: string) {
    this.data.delete(key);
    this.changed();
    return Promise.resolve();
  }

  entries(prefix: string) {
    const rows = [...this.data.entries()].filter(([key]) => key.startsWith(prefix));
    rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Promise.resolve(rows);
  }

  /** The content, as `new MemoryStore(content)` takes it back. */
  toJSON(): Record<string, string> {
    return Object.fromEntries(this.data);
  }

  private changed() {
    this.onChange?.(this.toJSON());
  }
}
