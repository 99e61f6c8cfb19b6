/**
 * An RFC 9457 problem as the API sends it (`components['schemas']['Problem']` in each
 * app's generated `schema.d.ts`; each app's `problem.ts` checks the two still match).
 */
export type FieldError = {
  code: string;
  field: string;
  message: string;
};

export type Problem = {
  /** Stable, machine-readable error code (snake_case) for clients. */
  code: string;
  detail: string;
  /** Field errors, for `validation_failed`. */
  errors?: FieldError[];
  /** The request path that produced this problem. */
  instance?: string | null;
  /** Same value as the `X-Request-Id` response header; quote it when reporting a problem. */
  request_id?: string | null;
  status: number;
  title: string;
  /** `urn:opsflux:problem:<code>`. */
  type: string;
};

/** An RFC 9457 answer from the API, thrown by `unwrap` so queries and mutations fail with it. */
export class ApiProblem extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiProblem';
    this.problem = problem;
  }

  get status() {
    return this.problem.status;
  }

  get code() {
    return this.problem.code;
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).code === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}

/** A problem for an answer that is not problem+json (a proxy's 502, a dropped connection). */
export function problemFrom(error: unknown, status: number): ApiProblem {
  if (isProblem(error)) return new ApiProblem(error);
  return new ApiProblem({
    type: 'about:blank',
    title: 'Error',
    status,
    code: status === 0 ? 'network_error' : 'unexpected_response',
    detail: error instanceof Error ? error.message : '',
  });
}

type FetchResult = { data?: unknown; error?: unknown; response: Response };

/**
 * The `data` of an openapi-fetch call, or throws its problem. Every api/ file goes
 * through this, so TanStack Query sees failures as `ApiProblem`s.
 */
export function unwrap<R extends FetchResult>(result: R): Exclude<R['data'], undefined> {
  if (result.error !== undefined || !result.response.ok) {
    throw problemFrom(result.error, result.response.status);
  }
  return result.data as Exclude<R['data'], undefined>;
}

/** 401 codes that mean "this access token no longer works": worth one refresh. */
const REFRESHABLE = new Set([
  'unauthenticated',
  'token_expired',
  'invalid_token',
  'session_expired',
  'session_revoked',
]);

/** The problem code of an answer, read from a copy (the caller can still read the body). */
async function problemCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.clone().json()) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a 401 says the access token no longer works, so one refresh may cure it. */
export async function isRefreshable(response: Response): Promise<boolean> {
  return REFRESHABLE.has((await problemCode(response)) ?? '');
}
