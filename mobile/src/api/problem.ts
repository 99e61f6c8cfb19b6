import type { components } from './schema';

export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

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
