/**
 * The access token lives in this module's memory only (never in storage, so a script
 * injected into the page cannot read it from there). The refresh token is an httpOnly
 * SameSite=Strict cookie scoped to `/api/v1/auth`, which only the browser sees.
 */

export type TokenPair = { access_token: string; expires_in: number };

type Listener = (signedIn: boolean) => void;

let accessToken: string | null = null;
let refreshInFlight: Promise<boolean> | null = null;
const listeners = new Set<Listener>();

export const REFRESH_PATH = '/api/v1/auth/refresh';

export function getAccessToken() {
  return accessToken;
}

/** Called with the tokens of a sign-in, a second-factor step or a refresh. */
export function setSession(tokens: TokenPair) {
  accessToken = tokens.access_token;
  listeners.forEach((listener) => listener(true));
}

/** Forgets the token (after sign-out, or when the session cannot be refreshed). */
export function clearSession() {
  accessToken = null;
  listeners.forEach((listener) => listener(false));
}

export function onSessionChange(listener: Listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function exchangeRefreshCookie(fetchImpl: typeof fetch): Promise<boolean> {
  const run = async () => {
    const response = await fetchImpl(
      new Request(new URL(REFRESH_PATH, window.location.origin), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      }),
    );
    if (!response.ok) return false;
    setSession((await response.json()) as TokenPair);
    return true;
  };
  // Refresh tokens are single use and a reused one ends the session: tabs of the same
  // browser take turns, so the second one sends the cookie the first one received.
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request('opsflux-refresh', run);
  }
  return run();
}

/**
 * Exchanges the refresh cookie for a new access token. Concurrent callers share one
 * request: a burst of 401s causes one refresh, and all of them wait for it.
 */
export function refreshSession(fetchImpl: typeof fetch = fetch): Promise<boolean> {
  if (!refreshInFlight) {
    refreshInFlight = exchangeRefreshCookie(fetchImpl)
      .catch(() => false)
      .then((ok) => {
        if (!ok) clearSession();
        return ok;
      })
      .finally(() => {
        refreshInFlight = null;
      });
  }
  return refreshInFlight;
}
