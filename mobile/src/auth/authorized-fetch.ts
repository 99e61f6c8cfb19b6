import { isRefreshable } from '@opsflux/shared/problem';

import { getApiUrl } from './api-url';
import { accessTokenExpired, getAccessToken, REFRESH_PATH, refreshSession } from './session';

/** Only the API gets the token: a request to another host (a file link) goes as it is. */
function isForApi(url: string) {
  return url.startsWith(`${getApiUrl()}/`);
}

function withBearer(request: Request, token: string | null): Request {
  if (!token || !isForApi(request.url)) return request;
  const headers = new Headers(request.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

/**
 * `fetch` for the API, signed with the session's access token. An access token known to
 * be expired is refreshed before the request; a 401 that a refresh can cure refreshes
 * once (one exchange shared by every concurrent caller, see `refreshSession`) and the
 * request is sent again, once. When the refresh is refused, the session ends (the app
 * shows sign-in) and the 401 is returned. Usable as `createApiClient`'s `fetch` and from
 * code outside React (the sync outbox).
 */
export async function authorizedFetch(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (path === REFRESH_PATH) return globalThis.fetch(request);
  // The body can be read once: keep a copy for the retry.
  const retry = request.clone();
  if (accessTokenExpired() && isForApi(request.url)) await refreshSession();

  const sentWith = getAccessToken();
  const response = await globalThis.fetch(withBearer(request, sentWith));
  if (response.status !== 401 || !sentWith || !isForApi(request.url)) return response;
  if (!(await isRefreshable(response))) return response;

  // Another caller may have refreshed while this request was out: use its token.
  if (getAccessToken() === sentWith) {
    const outcome = await refreshSession();
    if (outcome !== 'ok') return response;
  }
  const token = getAccessToken();
  if (!token) return response;
  return globalThis.fetch(withBearer(retry, token));
}
