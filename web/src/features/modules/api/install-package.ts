import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Schemas } from '@/lib/api/client';
import { type ApiProblem, problemFrom } from '@/lib/api/problem';
import { getAccessToken, refreshSession } from '@/lib/auth/session';
import { i18n } from '@/lib/i18n';

import { modulesQueryOptions } from './get-modules';

export type UploadProgress = { loaded: number; total: number };

type Send = {
  file: File;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
};

/** The problem in an XHR's answer: its problem+json body, else one made from the status. */
function xhrProblem(status: number, body: string): ApiProblem {
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : undefined;
  } catch {
    parsed = undefined;
  }
  return problemFrom(parsed, status);
}

/** One XHR attempt; resolves with the status and body, whatever the status. */
function sendOnce({ file, onProgress, signal }: Send) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/modules/packages');
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
 * Sends a module package (a ZIP) with real progress, as `features/files` uploads do
 * (`fetch` cannot report an upload's): an expired token is refreshed once and the
 * archive sent again. Fails with an `ApiProblem` carrying the server's report.
 */
export async function installPackage(send: Send): Promise<Schemas['ModuleOut']> {
  let answer = await sendOnce(send);
  if (answer.status === 401 && (await refreshSession())) {
    send.onProgress?.({ loaded: 0, total: send.file.size });
    answer = await sendOnce(send);
  }
  if (answer.status < 200 || answer.status >= 300) throw xhrProblem(answer.status, answer.body);
  return JSON.parse(answer.body) as Schemas['ModuleOut'];
}

/** Installs a package for the platform; the modules list then shows it (off here). */
export function useInstallPackage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: installPackage,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modulesQueryOptions().queryKey }),
  });
}
