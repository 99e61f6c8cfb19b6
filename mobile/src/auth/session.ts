import type { Schemas } from '@/api/client';

import { getApiUrl } from './api-url';
import { KEYS, secretStore, SESSION_KEYS } from './storage';

export type Me = Schemas['MeOut'];
export type TokensOut = Schemas['TokensOut'];

export type SessionStatus = 'loading' | 'signed-out' | 'signed-in';
export type Session = { status: SessionStatus; user?: Me };

/** The tokens as this device keeps them (secure store, JSON). */
export type StoredTokens = {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token stops working. */
  accessExpiresAt: number;
  sessionId: string;
};

export const REFRESH_PATH = '/api/v1/auth/refresh';

/** Refresh a little before the server would refuse the token (clock skew, slow links). */
const EXPIRY_MARGIN_MS = 30_000;

let session: Session = { status: 'loading' };
let tokens: StoredTokens | null = null;
/** Bumped at every sign-in and session end: a refresh that started before is ignored. */
let epoch = 0;
let refreshInFlight: Promise<RefreshOutcome> | null = null;
const listeners = new Set<() => void>();

function publish(next: Session) {
  session = next;
  listeners.forEach((listener) => listener());
}

export function getSession(): Session {
  return session;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Calls `listener` each time the session becomes signed in (a sign-in, or the stored
 * session read at start), not on later changes of the user: for code outside React
 * that waits for a session (the sync outbox after a refused refresh).
 */
export function onSignedIn(listener: () => void): () => void {
  let was = session.status;
  return subscribeSession(() => {
    const now = session.status;
    if (now === 'signed-in' && was !== 'signed-in') listener();
    was = now;
  });
}

export function getAccessToken(): string | null {
  return tokens?.accessToken ?? null;
}

export function accessTokenExpired(now = Date.now()): boolean {
  return tokens !== null && tokens.accessExpiresAt - EXPIRY_MARGIN_MS <= now;
}

function fromServer(out: TokensOut): StoredTokens {
  return {
    accessToken: out.access_token,
    refreshToken: out.refresh_token,
    accessExpiresAt: Date.now() + out.expires_in * 1000,
    sessionId: out.session_id,
  };
}

function parseStored(raw: string | null): StoredTokens | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredTokens>;
    if (typeof value.accessToken !== 'string' || typeof value.refreshToken !== 'string') {
      return null;
    }
    return value as StoredTokens;
  } catch {
    return null;
  }
}

async function loadUser(): Promise<Me | undefined> {
  try {
    const raw = await secretStore.get(KEYS.user);
    return raw ? (JSON.parse(raw) as Me) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the session this device kept. With tokens, the app opens signed in at once (on
 * the user as last seen: field staff start the app offline); the caller then asks the
 * server who the user is now.
 */
export async function restoreSession(): Promise<Session> {
  tokens = parseStored(await secretStore.get(KEYS.tokens));
  if (!tokens) {
    publish({ status: 'signed-out' });
  } else {
    const user = await loadUser();
    publish(user ? { status: 'signed-in', user } : { status: 'signed-in' });
  }
  return session;
}

/** A sign-in's (or second factor's) tokens: the session starts. */
export async function startSession(out: TokensOut): Promise<void> {
  epoch += 1;
  tokens = fromServer(out);
  await secretStore.set(KEYS.tokens, JSON.stringify(tokens));
  publish({ status: 'signed-in' });
}

/** `/auth/me`'s answer: shown by the profile, kept for an offline start. */
export async function setUser(user: Me): Promise<void> {
  if (session.status !== 'signed-in') return;
  publish({ status: 'signed-in', user });
  await secretStore.set(KEYS.user, JSON.stringify(user));
}

/**
 * Forgets the session: its tokens, its user, its push registration's id. Nothing else:
 * reports queued on this device (the sync outbox) stay until the server has them.
 */
export async function endSession(): Promise<void> {
  epoch += 1;
  tokens = null;
  refreshInFlight = null;
  publish({ status: 'signed-out' });
  await Promise.all(SESSION_KEYS.map((key) => secretStore.delete(key)));
}

/**
 * `ok`: new tokens. `expired`: the server refused the refresh token (the session is over,
 * the user signs in again). `unavailable`: no answer (offline, 5xx): keep the tokens and
 * try again later.
 */
export type RefreshOutcome = 'ok' | 'expired' | 'unavailable';

async function exchange(): Promise<RefreshOutcome> {
  const startedIn = epoch;
  const sent = tokens;
  if (!sent) return 'expired';
  let response: Response;
  try {
    response = await globalThis.fetch(
      new Request(`${getApiUrl()}${REFRESH_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refresh_token: sent.refreshToken }),
      }),
    );
  } catch {
    return 'unavailable';
  }
  if (startedIn !== epoch) return 'expired';
  if (response.ok) {
    let out: TokensOut;
    try {
      out = (await response.json()) as TokensOut;
    } catch {
      return 'unavailable';
    }
    if (startedIn !== epoch) return 'expired';
    // In memory first: the next request (and the next refresh) uses the new pair at once;
    // the old refresh token is now spent and is never sent again.
    tokens = fromServer(out);
    await secretStore.set(KEYS.tokens, JSON.stringify(tokens));
    return 'ok';
  }
  // 400/401/403: the token is unknown, spent, or its session revoked or expired.
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    await endSession();
    return 'expired';
  }
  return 'unavailable';
}

/**
 * Trades the refresh token for a new pair. Serialised: while one exchange is in flight,
 * every caller waits for it and shares its outcome, so a burst of 401s makes one request
 * and a rotated (spent) refresh token is never presented twice.
 */
export function refreshSession(): Promise<RefreshOutcome> {
  if (!refreshInFlight) {
    const run = exchange().finally(() => {
      if (refreshInFlight === run) refreshInFlight = null;
    });
    refreshInFlight = run;
  }
  return refreshInFlight;
}
