import { SqliteStore } from './sqlite-store';
import type { Store } from './store';

/** The app's store on a phone: SQLite (the web export has its own, `device-store.web.ts`). */
export const openDeviceStore = (): Promise<Store> => SqliteStore.open();
