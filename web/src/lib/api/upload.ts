import type { ApiProblem } from '@/lib/api/problem';
import { problemFrom } from '@/lib/api/problem';
import { getAccessToken, refreshSession } from '@/lib/auth/session';
import { i18n } from '@/lib/i18n';

export type UploadProgress = { loaded: number; total: number };

export type Upload = {
  file: File;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
};

/** The problem in an XHR's answer: its problem+json body, else one made from the status. */
export function xhrProblem(status: number, body: string): ApiProblem {
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : undefined;
  } catch {
    parsed = undefined;
  }
  return problemFrom(parsed, status);
}

/** One XHR attempt; resolves with the status and body, whatever the status. */
function sendOnce(url: string, { file, onProgress, signal }: Upload) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    // Signed like the API client (`lib/api/client.ts`): the bearer token and the language.
    const token = getAccessToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept-Language', i18n.language);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
    xhr.onerror = () => reject(problemFrom(new Error('network error'), 0));
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * Posts `file` as the multipart part `file` to `url` with real progress (`fetch`
 * cannot report an upload's). An expired access token is refreshed once and the file
 * sent again, as the API client does. Fails with an `ApiProblem` carrying the
 * server's problem+json.
 */
export async function postFile<T>(url: string, upload: Upload): Promise<T> {
  let answer = await sendOnce(url, upload);
  if (answer.status === 401 && (await refreshSession())) {
    upload.onProgress?.({ loaded: 0, total: upload.file.size });
    answer = await sendOnce(url, upload);
  }
  if (answer.status < 200 || answer.status >= 300) throw xhrProblem(answer.status, answer.body);
  return JSON.parse(answer.body) as T;
}
