import { applySavedLanguage } from '@/i18n/preference';

import { loadApiUrl } from './api-url';
import { restoreSession } from './session';
import { refreshUser } from './sign-in';

/**
 * At start: the saved API address and language, then the kept session. Signed in, the
 * app opens at once and asks the server who the user is meanwhile (offline, the user
 * as last seen stays; a refused refresh ends the session).
 */
export async function bootSession(): Promise<void> {
  await Promise.all([loadApiUrl(), applySavedLanguage().catch(() => undefined)]);
  const session = await restoreSession();
  if (session.status === 'signed-in') void refreshUser().catch(() => undefined);
}
