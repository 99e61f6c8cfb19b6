import { getAccessToken, REFRESH_PATH, refreshSession } from '@/lib/auth/session';

/** 401 codes that mean "the access token no longer works", worth one refresh. */
const REFRESHABLE = new Set([
  'unauthenticated',
  'token_expired',
  'invalid_token',
  'session_expired',
  'session_revoked',
]);

export type SessionExpiredHandler = () => void;

async function problemCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.clone().json()) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

function withToken(request: Request) {
  const token = getAccessToken();
  const headers = new Headers(request.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

/**
 * A `fetch` that signs requests with the in-memory access token, and on a 401 that a
 * refresh can cure refreshes once (shared with concurrent requests) and retries.
 * When the refresh fails, `onSessionExpired` sends the user to the sign-in page.
 */
export function createAuthFetch(
  baseFetch: typeof fetch,
  onSessionExpired: SessionExpiredHandler,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const retry = request.clone();
    const response = await baseFetch(withToken(request));
    if (response.status !== 401 || new URL(request.url).pathname === REFRESH_PATH) {
      return response;
    }
    if (!REFRESHABLE.has((await problemCode(response)) ?? '')) return response;
    if (!(await refreshSession(baseFetch))) {
      onSessionExpired();
      return response;
    }
    return baseFetch(withToken(retry));
  };
}
