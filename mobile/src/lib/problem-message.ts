import { ApiProblem } from '@/api/problem';
import { i18n } from '@/i18n';

/** A key built at run time (a problem code, a zod message): checked with `i18n.exists` or known to be one. */
export function translateKey(key: string): string {
  return (i18n.t as (key: string) => string)(key);
}

/**
 * What to tell the user about a failed request: our words for a known problem code
 * (`errors.code.<code>`), else the server's `detail`; a request that got no answer
 * (fetch throws a `TypeError`) is a network error.
 */
export function problemMessage(error: unknown): string {
  if (error instanceof ApiProblem) {
    const key = `errors.code.${error.code}`;
    if (i18n.exists(key)) return translateKey(key);
    return error.problem.detail || error.problem.title;
  }
  if (error instanceof TypeError) return i18n.t('errors.code.network_error');
  return i18n.t('errors.unexpected');
}
