import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { saveBlob, saveFile } from '@/lib/download';

import type { SignedLink } from './types';

/**
 * Saves a stored file (an export, the rejected rows of an import) as `name`, its bytes
 * fetched with the bearer token.
 */
export async function downloadFile(fileId: string, name: string) {
  const blob = unwrap(
    await api.GET('/api/v1/files/{id}/content', {
      params: { path: { id: fileId } },
      parseAs: 'blob',
    }),
  );
  saveBlob(blob, name);
}

/**
 * Saves a file through its signed link (no bearer token needed, no bytes held here) while
 * the link lasts, else with the token.
 */
export async function downloadThroughLink(
  file: { file_id: string; file_name: string; link?: SignedLink | null },
  now = Date.now(),
) {
  const { link } = file;
  if (link?.path && new Date(link.expires_at).getTime() > now + 5_000) {
    saveFile(link.path, file.file_name);
    return;
  }
  await downloadFile(file.file_id, file.file_name);
}
