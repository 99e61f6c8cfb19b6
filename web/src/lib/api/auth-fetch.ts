import { isRefreshable } from '@opsflux/shared/problem';

import { getAccessToken, REFRESH_PATH, refreshSession } from '@/lib/auth/session';

export type SessionExpiredHandler = () => void;

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
    if (!(await isRefreshable(response))) return response;
    if (!(await refreshSession(baseFetch))) {
      onSessionExpired();
      return response;
    }
    return baseFetch(withToken(retry));
  };
}
