import { useSyncExternalStore } from 'react';

import { getSession, type Session, subscribeSession } from './session';

/** `loading` until the stored session is read, then `signed-in` (with `/auth/me`'s user) or `signed-out`. */
export function useSession(): Session {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}
