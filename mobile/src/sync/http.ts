import type { Problem } from './outbox';

/** What sends requests: `authorizedFetch` in the app (it signs and refreshes), a fake in tests. */
export type Transport = (request: Request) => Promise<Response>;

/**
 * A request's fate, as the outbox treats it:
 * - `ok`: a 2xx and its JSON body;
 * - `refused`: a 4xx the same request would get again (409, 422, 403, 404, 413…): the
 *   item needs the user; never retried on its own;
 * - `unauthorized`: 401, the session is gone: wait for a sign-in, then go on;
 * - `transient`: no answer (network, timeout, a response cut off), 5xx, 408 or 429:
 *   retried later, with backoff (or the server's `Retry-After`).
 */
export type Outcome =
  | { kind: 'ok'; status: number; body: unknown; headers: Headers }
  | { kind: 'refused'; problem: Problem }
  | { kind: 'unauthorized' }
  | { kind: 'transient'; error: string; retryAfterMs: number | null };

export class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** `promise`, or a `TimeoutError` after `ms` (then `onTimeout`, to abort the request). */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout?: () => void) {
  if (ms <= 0) return promise;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new TimeoutError(ms));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

function retryAfterMs(headers: Headers, now: number): number | null {
  const value = headers.get('Retry-After');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).code === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}

/** The answer's problem document, or one made up for an answer that has none. */
function problemOf(status: number, text: string): Problem {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isProblem(parsed)) return parsed;
  } catch {
    // not JSON: made up below
  }
  return {
    type: 'about:blank',
    title: 'Error',
    status,
    code: 'unexpected_response',
    detail: text.slice(0, 500),
  };
}

/**
 * Sends `request` and reads the whole answer within `timeoutMs` (an answer cut off
 * half-way is no answer), then sorts it into an `Outcome`.
 */
export async function exchange(
  transport: Transport,
  request: Request,
  timeoutMs: number,
  abort: () => void,
  now: () => number,
): Promise<Outcome> {
  let status: number;
  let headers: Headers;
  let text: string;
  try {
    const read = async () => {
      const response = await transport(request);
      return { status: response.status, headers: response.headers, text: await response.text() };
    };
    ({ status, headers, text } = await withTimeout(read(), timeoutMs, abort));
  } catch (error) {
    return { kind: 'transient', error: describe(error), retryAfterMs: null };
  }
  if (status === 401) return { kind: 'unauthorized' };
  if (status >= 200 && status < 300) {
    try {
      return { kind: 'ok', status, headers, body: text ? JSON.parse(text) : null };
    } catch (error) {
      return { kind: 'transient', error: describe(error), retryAfterMs: null };
    }
  }
  if (status >= 500 || status === 408 || status === 429) {
    const problem = problemOf(status, text);
    return {
      kind: 'transient',
      error: `${status} ${problem.code}: ${problem.detail}`,
      retryAfterMs: retryAfterMs(headers, now()),
    };
  }
  return { kind: 'refused', problem: problemOf(status, text) };
}

/** Exponential backoff from 2 s to 5 min, ±20 % jitter; never sooner than `Retry-After`. */
export function backoffMs(attempts: number, random: () => number, retryAfter: number | null) {
  const base = Math.min(5 * 60_000, 2_000 * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(base * (0.8 + 0.4 * random()));
  return Math.max(jittered, retryAfter ?? 0);
}
