import type { Schemas } from '@/api/client';

/**
 * A stand-in for the OpsFlux API that speaks its JSON (shapes from `schema.d.ts`):
 * sign-in with a second factor, rotating single-use refresh tokens, `/auth/me`, the
 * notifications and devices. Install it as `globalThis.fetch`; it records every request.
 */

export const USER_ID = '01937c4e-0000-7000-8000-000000000001';
export const COMPANY_ID = '01937c4e-0000-7000-8000-0000000000c0';
export const PASSWORD = 'correct horse';
export const TOTP_CODE = '123456';
export const RECOVERY_CODE = 'abcd-efgh';
/** What the SMS carries; good only once `/auth/mfa/sms/send` went out for that step. */
export const SMS_CODE = '482913';

type Recorded = { method: string; path: string; authorization: string | null; body: unknown };

export type FakeApiOptions = {
  /** Second-factor methods of the account; none: the password is enough. */
  mfa?: Schemas['MfaMethod'][];
  /** Every refresh is refused (the session was revoked elsewhere). */
  refuseRefresh?: boolean;
  notifications?: Schemas['NotificationOut'][];
  pageSize?: number;
  /**
   * Answers the field routes (`/hse/…`, `/files`, `/sites`) once the bearer is checked,
   * e.g. the outbox's fake (`src/sync/testing/fake-api.ts`); without it, empty lists.
   */
  field?: (request: Request) => Promise<Response>;
};

const FIELD_ROUTE = /^\/api\/v1\/(hse|files|sites)(\/|$)/;

export function problem(status: number, code: string, detail: string) {
  return new Response(
    JSON.stringify({ type: `urn:opsflux:problem:${code}`, title: 'Error', status, detail, code }),
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export const me = (locale: Schemas['Locale'] = 'en'): Schemas['MeOut'] => ({
  user: {
    id: USER_ID,
    email: 'a.moreau@example.com',
    full_name: 'Amélie Moreau',
    locale,
    time_zone: 'Africa/Libreville',
    company_id: COMPANY_ID,
    status: 'active',
    is_active: true,
    is_superuser: false,
    mfa: { totp: true, sms: false, recovery_codes_left: 8 },
    created_at: '2026-01-05T08:00:00Z',
  },
  company: {
    id: COMPANY_ID,
    name: 'Perenco Gabon',
    slug: 'perenco-gabon',
    locale: 'fr',
    time_zone: 'Africa/Libreville',
    is_active: true,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  },
  locale,
});

export function notification(
  n: Partial<Schemas['NotificationOut']> & { id: string },
): Schemas['NotificationOut'] {
  return {
    user_id: USER_ID,
    title: 'Incident INC-2026-00042 reported',
    message: 'Gas leak on the compressor skid',
    category: 'hse',
    priority: 2,
    data: {},
    created_at: '2026-12-01T09:30:00Z',
    read_at: null,
    link: null,
    ...n,
  };
}

export function fakeApi(options: FakeApiOptions = {}) {
  const requests: Recorded[] = [];
  const refreshTokensSent: string[] = [];
  let serial = 0;
  let access: string | null = null;
  let refresh: string | null = null;
  const mfaTokens = new Set<string>();
  const smsSentFor = new Set<string>();
  let heldRefresh: Promise<void> | null = null;
  const notifications = [...(options.notifications ?? [])];
  const pageSize = options.pageSize ?? 50;

  function issue(): Schemas['TokensOut'] {
    serial += 1;
    access = `access-${serial}`;
    refresh = `refresh-${serial}`;
    return {
      access_token: access,
      token_type: 'Bearer',
      expires_in: 900,
      refresh_token: refresh,
      refresh_expires_at: '2027-01-01T00:00:00Z',
      session_id: '01937c4e-0000-7000-8000-00000000005e',
    };
  }

  async function answer(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    const method = request.method;
    if (FIELD_ROUTE.test(path)) return field(request, url);
    const text = method === 'GET' || method === 'DELETE' ? '' : await request.text();
    const body = (text ? JSON.parse(text) : null) as Record<string, unknown> | null;
    const authorization = request.headers.get('Authorization');
    requests.push({ method, path, authorization, body });

    if (path === '/api/v1/auth/login') {
      if (body?.password !== PASSWORD) {
        return problem(401, 'invalid_credentials', 'The email or password is incorrect.');
      }
      if (options.mfa?.length) {
        const token = `mfa-${mfaTokens.size + 1}`;
        mfaTokens.add(token);
        return json({
          mfa_required: true,
          mfa_token: token,
          methods: options.mfa,
          expires_in: 300,
        });
      }
      return json(issue());
    }
    if (path === '/api/v1/auth/mfa/sms/send') {
      smsSentFor.add(String(body?.mfa_token));
      return new Response(null, { status: 202 });
    }
    if (path === '/api/v1/auth/mfa/verify') {
      const token = String(body?.mfa_token);
      if (!mfaTokens.has(token)) {
        return problem(
          401,
          'mfa_token_invalid',
          'This sign-in step has expired or was already used; sign in again.',
        );
      }
      const codes: Partial<Record<string, string>> = {
        totp: TOTP_CODE,
        recovery: RECOVERY_CODE,
        ...(smsSentFor.has(token) ? { sms: SMS_CODE } : {}),
      };
      const expected = codes[String(body?.method)];
      if (!expected || body?.code !== expected) {
        return problem(401, 'invalid_code', 'The code is wrong or has expired.');
      }
      mfaTokens.delete(token);
      return json(issue());
    }
    if (path === '/api/v1/auth/refresh') {
      const sent = String(body?.refresh_token);
      refreshTokensSent.push(sent);
      if (heldRefresh) await heldRefresh;
      if (options.refuseRefresh || sent !== refresh) {
        access = null;
        refresh = null;
        return problem(
          401,
          'invalid_refresh_token',
          'The refresh token is not valid; sign in again.',
        );
      }
      return json(issue());
    }

    if (!authorization) return problem(401, 'unauthenticated', 'Sign in first.');
    if (authorization !== `Bearer ${access}`) {
      return problem(401, 'token_expired', 'The access token has expired; refresh it.');
    }

    if (path === '/api/v1/auth/me') return json(me());
    if (path === '/api/v1/auth/logout') {
      access = null;
      refresh = null;
      return new Response(null, { status: 204 });
    }
    if (path === '/api/v1/me' && method === 'PATCH') {
      return json({ ...me().user, locale: body?.locale });
    }
    if (path === '/api/v1/notifications') {
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const items = notifications.slice(start, start + pageSize);
      const next = start + pageSize < notifications.length ? String(start + pageSize) : null;
      return json({ items, next_cursor: next });
    }
    if (path === '/api/v1/notifications/unread-count') {
      return json({ unread: notifications.filter((n) => !n.read_at).length });
    }
    if (path === '/api/v1/notifications/read-all') {
      const marked = notifications.filter((n) => !n.read_at).length;
      notifications.forEach((n, i) => {
        notifications[i] = { ...n, read_at: n.read_at ?? '2026-12-01T10:00:00Z' };
      });
      return json({ marked, unread: 0 });
    }
    const read = /^\/api\/v1\/notifications\/([^/]+)\/read$/.exec(path);
    if (read) {
      const index = notifications.findIndex((n) => n.id === read[1]);
      const found = notifications[index];
      if (!found) return problem(404, 'not_found', 'No such notification.');
      notifications[index] = { ...found, read_at: found.read_at ?? '2026-12-01T10:00:00Z' };
      return json(notifications[index]);
    }
    if (path === '/api/v1/devices' && method === 'POST') {
      return json(
        {
          id: '01937c4e-0000-7000-8000-0000000000de',
          platform: body?.platform,
          token_hint: String(body?.push_token).slice(0, 8),
          created_at: '2026-12-01T09:00:00Z',
          last_seen_at: '2026-12-01T09:00:00Z',
        },
        201,
      );
    }
    if (path.startsWith('/api/v1/devices/') && method === 'DELETE') {
      return new Response(null, { status: 204 });
    }
    return json({ path });
  }

  /** The field routes: signed like the others; their bodies (multipart too) left unread. */
  function field(request: Request, url: URL): Promise<Response> {
    const authorization = request.headers.get('Authorization');
    requests.push({ method: request.method, path: url.pathname, authorization, body: null });
    if (!authorization) return Promise.resolve(problem(401, 'unauthenticated', 'Sign in first.'));
    if (authorization !== `Bearer ${access}`) {
      return Promise.resolve(
        problem(401, 'token_expired', 'The access token has expired; refresh it.'),
      );
    }
    if (options.field) return options.field(request);
    return Promise.resolve(json({ items: [], next_cursor: null }));
  }

  const fetch = jest.fn((input: RequestInfo | URL, init?: RequestInit) =>
    answer(input instanceof Request ? input : new Request(input, init)),
  );

  return {
    fetch,
    requests,
    refreshTokensSent,
    /** The server's current tokens (what a fresh sign-in or refresh issued). */
    current: () => ({ access, refresh }),
    /** Issues a session as a sign-in would, for tests that start signed in. */
    issue,
    /** The server stops accepting the current access token (it expired on its clock). */
    expireAccess: () => {
      access = `expired-${serial}`;
    },
    /** Holds every refresh answer until `release()`, so concurrent callers overlap. */
    holdRefresh: () => {
      let release = () => {};
      heldRefresh = new Promise<void>((resolve) => {
        release = () => {
          heldRefresh = null;
          resolve();
        };
      });
      return release;
    },
    count: (path: string) => requests.filter((r) => r.path === path).length,
  };
}

export type FakeApi = ReturnType<typeof fakeApi>;
