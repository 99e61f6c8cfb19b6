import { afterEach, describe, expect, it, vi } from 'vitest';

import { clearSession, getAccessToken, setSession } from '@/lib/auth/session';

import { createAuthFetch } from './auth-fetch';

const problem = (status: number, code: string) =>
  new Response(
    JSON.stringify({ type: `urn:opsflux:problem:${code}`, title: '', status, detail: '', code }),
    {
      status,
      headers: { 'Content-Type': 'application/problem+json' },
    },
  );

/**
 * A stand-in for the API's auth contract: `/auth/refresh` hands out `fresh` (after a
 * delay, so concurrent callers overlap); other paths answer 200 only to `Bearer fresh`.
 */
function fakeApi({ refreshOk = true } = {}) {
  const calls = { refresh: 0, authorizations: [] as (string | null)[] };
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/auth/refresh') {
      calls.refresh += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (!refreshOk) return problem(401, 'refresh_token_reused');
      return Response.json({ access_token: 'fresh', expires_in: 900 });
    }
    calls.authorizations.push(request.headers.get('Authorization'));
    if (path === '/api/v1/auth/login') return problem(401, 'invalid_credentials');
    if (request.headers.get('Authorization') !== 'Bearer fresh')
      return problem(401, 'token_expired');
    return Response.json({ path, body: request.method === 'POST' ? await request.text() : null });
  });
  return { fetch, calls };
}

const request = (path: string, init?: RequestInit) => new Request(`http://localhost${path}`, init);

afterEach(() => {
  clearSession();
});

describe('createAuthFetch', () => {
  it('refreshes once for concurrent 401s, and every request is retried with the new token', async () => {
    setSession({ access_token: 'stale', expires_in: 900 });
    const api = fakeApi();
    const onExpired = vi.fn();
    const authFetch = createAuthFetch(api.fetch, onExpired);

    const responses = await Promise.all([
      authFetch(request('/api/v1/auth/me')),
      authFetch(request('/api/v1/menu')),
      authFetch(request('/api/v1/me', { method: 'POST', body: '{"full_name":"Awa"}' })),
    ]);

    expect(api.calls.refresh).toBe(1);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    // The retried POST still carries its body.
    expect(await responses[2]?.json()).toEqual({ path: '/api/v1/me', body: '{"full_name":"Awa"}' });
    expect(api.calls.authorizations.filter((a) => a === 'Bearer stale')).toHaveLength(3);
    expect(api.calls.authorizations.filter((a) => a === 'Bearer fresh')).toHaveLength(3);
    expect(getAccessToken()).toBe('fresh');
    expect(onExpired).not.toHaveBeenCalled();
  });

  it('after a reload (no token in memory) one refresh restores the session', async () => {
    const api = fakeApi();
    const authFetch = createAuthFetch(api.fetch, vi.fn());
    const response = await authFetch(request('/api/v1/auth/me'));
    expect(response.status).toBe(200);
    expect(api.calls.refresh).toBe(1);
  });

  it('a failed refresh forgets the token and sends the user to sign-in, once per request', async () => {
    setSession({ access_token: 'stale', expires_in: 900 });
    const api = fakeApi({ refreshOk: false });
    const onExpired = vi.fn();
    const authFetch = createAuthFetch(api.fetch, onExpired);

    const responses = await Promise.all([
      authFetch(request('/api/v1/auth/me')),
      authFetch(request('/api/v1/menu')),
    ]);

    expect(api.calls.refresh).toBe(1);
    expect(responses.map((r) => r.status)).toEqual([401, 401]);
    expect(getAccessToken()).toBeNull();
    expect(onExpired).toHaveBeenCalled();
  });

  it('a 401 that a refresh cannot cure (wrong password) is returned as is', async () => {
    const api = fakeApi();
    const onExpired = vi.fn();
    const authFetch = createAuthFetch(api.fetch, onExpired);
    const response = await authFetch(request('/api/v1/auth/login', { method: 'POST', body: '{}' }));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('invalid_credentials');
    expect(api.calls.refresh).toBe(0);
    expect(onExpired).not.toHaveBeenCalled();
  });
});
