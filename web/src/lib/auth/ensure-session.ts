import { getAccessToken, refreshSession } from './session';

/**
 * After a reload the access token is gone but the refresh cookie may still be valid:
 * one refresh tells which. Concurrent callers share it.
 */
export async function ensureSignedIn(): Promise<boolean> {
  if (getAccessToken()) return true;
  return refreshSession();
}

/** A same-origin path to come back to after sign-in, or `/`. */
export function safeRedirect(target: string | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return '/';
  return target;
}
