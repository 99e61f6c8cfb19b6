import { ApiProblem } from '@/lib/api/problem';
import { i18n, translateIfExists } from '@/lib/i18n';

/** What to tell about a failed upload: our words for its code, and the server's own detail. */
export type UploadFailure = { title: string; message: string; detail?: string };

/**
 * A refused upload or attachment in words: the code's explanation in the UI language
 * (`files:errors.<code>`), and the problem's `detail` as the server wrote it, which
 * names what was found (the virus signature, the type of the content, the limit).
 */
export function uploadFailure(error: unknown, name: string): UploadFailure {
  const title = i18n.t('files:errors.title', { name });
  if (!(error instanceof ApiProblem)) {
    return { title, message: i18n.t('files:errors.fallback') };
  }
  const known = translateIfExists(`files:errors.${error.code}`);
  const detail = error.problem.detail?.trim();
  if (known) {
    // A network failure has no server words worth showing.
    return error.code === 'network_error' || !detail
      ? { title, message: known }
      : { title, message: known, detail };
  }
  return { title, message: detail || error.problem.title || i18n.t('files:errors.fallback') };
}
