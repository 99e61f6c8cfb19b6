import { MemoryStore, type Store } from './store';

const PREFIX = 'opsflux.sync.';

/**
 * The web export's store: the browser's `localStorage`, one entry per key. The web build
 * is for previews and the render check, not the field: expo-sqlite's web version needs
 * a 600 kB WebAssembly module and a cross-origin isolated page, which a static host
 * does not give. Without `localStorage`, memory.
 */
class WebStorageStore implements Store {
  constructor(private readonly storage: Storage) {}

  get(key: string) {
    return Promise.resolve(this.storage.getItem(PREFIX + key));
  }

  set(key: string, value: string) {
    this.storage.setItem(PREFIX + key, value);
    return Promise.resolve();
  }

  remove(key: string) {
    this.storage.removeItem(PREFIX + key);
    return Promise.resolve();
  }

  entries(prefix: string) {
    const rows: [string, string][] = [];
    for (let index = 0; index < this.storage.length; index += 1) {
      const key = this.storage.key(index);
      if (!key?.startsWith(PREFIX + prefix)) continue;
      rows.push([key.slice(PREFIX.length), this.storage.getItem(key) ?? '']);
    }
    rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Promise.resolve(rows);
  }
}

export function openDeviceStore(): Promise<Store> {
  const storage = (globalThis as { localStorage?: Storage }).localStorage;
  return Promise.resolve(storage ? new WebStorageStore(storage) : new MemoryStore());
}
