import { env } from '@/config/env';
import { fakeApi, type FakeApi } from '@/testing/fake-api';
import * as store from '@/testing/fake-secure-store';

import { saveApiUrl } from './api-url';
import { authorizedFetch } from './authorized-fetch';
import { endSession, getSession, restoreSession, startSession } from './session';
import { KEYS, SESSION_KEYS } from './storage';

const api = (path: string, init?: RequestInit) => new Request(`${env.apiUrl}${path}`, init);

let server: FakeApi;

beforeEach(async () => {
  await endSession();
  await saveApiUrl(env.apiUrl);
  store.reset();
  server = fakeApi();
  globalThis.fetch = server.fetch;
});

afterEach(() => {
  jest.useRealTimers();
});

/** Signs in as the server would, then lets the access token's lifetime pass on the device's clock. */
async function signedInWithExpiredAccessToken() {
  jest.useFakeTimers({ now: new Date('2026-12-01T09:00:00Z'), doNotFake: ['queueMicrotask'] });
  await startSession(server.issue());
  jest.setSystemTime(new Date('2026-12-01T09:16:00Z'));
}

describe('authorizedFetch', () => {
  it('sends the access token to the API', async () => {
    await startSession(server.issue());
    const response = await authorizedFetch(api('/api/v1/auth/me'));
    expect(response.status).toBe(200);
    expect(server.requests[0]?.authorization).toBe('Bearer access-1');
  });

  it('10 concurrent calls on an expired access token make one refresh, and all succeed with the new token', async () => {
    await signedInWithExpiredAccessToken();
    const release = server.holdRefresh();

    const calls = Array.from({ length: 10 }, (_, i) =>
      authorizedFetch(
        api(`/api/v1/hse/incidents/${i}`, { method: 'POST', body: JSON.stringify({ i }) }),
      ),
    );
    release();
    const responses = await Promise.all(calls);

    expect(server.count('/api/v1/auth/refresh')).toBe(1);
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const others = server.requests.filter((r) => r.path !== '/api/v1/auth/refresh');
    expect(others).toHaveLength(10);
    expect(others.every((r) => r.authorization === 'Bearer access-2')).toBe(true);
    expect(new Set(server.refreshTokensSent).size).toBe(server.refreshTokensSent.length);
    expect(server.refreshTokensSent).toEqual(['refresh-1']);
  });

  it('10 concurrent 401s (the server’s clock says expired) make one refresh, and each request is sent again once', async () => {
    await startSession(server.issue());
    server.expireAccess();
    const release = server.holdRefresh();

    const calls = Array.from({ length: 10 }, (_, i) =>
      authorizedFetch(api(`/api/v1/notifications?page=${i}`)),
    );
    // Every request gets its 401 before the refresh answers.
    await waitFor(() => server.count('/api/v1/auth/refresh') === 1);
    await waitFor(() => server.requests.length === 11);
    release();
    const responses = await Promise.all(calls);

    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(server.count('/api/v1/auth/refresh')).toBe(1);
    expect(server.count('/api/v1/notifications')).toBe(20);
    expect(server.refreshTokensSent).toEqual(['refresh-1']);
  });

  it('never presents a rotated refresh token again: the next refresh sends the new one', async () => {
    await signedInWithExpiredAccessToken();
    await authorizedFetch(api('/api/v1/auth/me'));
    jest.setSystemTime(new Date('2026-12-01T09:40:00Z'));
    await authorizedFetch(api('/api/v1/auth/me'));

    expect(server.refreshTokensSent).toEqual(['refresh-1', 'refresh-2']);
    // And the device keeps the newest pair, for the next start.
    const kept = JSON.parse(store.values.get(KEYS.tokens) ?? '{}') as { refreshToken?: string };
    expect(kept.refreshToken).toBe('refresh-3');
  });

  it('a refused refresh signs out and keeps everything but the session (queued reports stay)', async () => {
    server = fakeApi({ refuseRefresh: true });
    globalThis.fetch = server.fetch;
    store.values.set('opsflux.outbox.01937c4e', '{"kind":"incident","title":"Gas leak"}');
    store.values.set(KEYS.apiUrl, 'https://site.example.com');
    await startSession(server.issue());
    server.expireAccess();

    const responses = await Promise.all([
      authorizedFetch(api('/api/v1/auth/me')),
      authorizedFetch(api('/api/v1/notifications')),
    ]);

    expect(responses.map((r) => r.status)).toEqual([401, 401]);
    expect(server.count('/api/v1/auth/refresh')).toBe(1);
    expect(getSession().status).toBe('signed-out');
    expect(store.values.get('opsflux.outbox.01937c4e')).toBe(
      '{"kind":"incident","title":"Gas leak"}',
    );
    expect(store.values.get(KEYS.apiUrl)).toBe('https://site.example.com');
    expect(new Set(store.deleted)).toEqual(new Set(SESSION_KEYS));
    expect(await restoreSession()).toEqual({ status: 'signed-out' });
  });

  it('offline, a refresh that gets no answer keeps the session', async () => {
    await signedInWithExpiredAccessToken();
    globalThis.fetch = jest.fn(() => Promise.reject(new TypeError('Network request failed')));

    await expect(authorizedFetch(api('/api/v1/auth/me'))).rejects.toThrow(TypeError);

    expect(getSession().status).toBe('signed-in');
    expect(store.values.get(KEYS.tokens)).toContain('refresh-1');
  });

  it('a 401 that no refresh can cure is returned as it is', async () => {
    const response = await authorizedFetch(
      api('/api/v1/auth/login', {
        method: 'POST',
        body: JSON.stringify({ email: 'a', password: 'b' }),
      }),
    );
    expect(response.status).toBe(401);
    expect(server.count('/api/v1/auth/refresh')).toBe(0);
  });

  it('does not hand the token to another host', async () => {
    await startSession(server.issue());
    await authorizedFetch(new Request('https://files.example.com/photo.jpg'));
    expect(server.requests[0]?.authorization).toBeNull();
  });
});

/** Lets pending promises run until `done()` holds (no timers, no sleeps). */
async function waitFor(done: () => boolean) {
  for (let turn = 0; turn < 1000 && !done(); turn += 1) {
    await Promise.resolve();
  }
  expect(done()).toBe(true);
}
