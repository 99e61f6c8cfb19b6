import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { saveBlob } from '@/lib/download';

import type { ReportFile } from '../lib/report';

/** Saves an export's file under the name the server gave it, fetched with the bearer token. */
export async function downloadReport(file: ReportFile) {
  const blob = unwrap(
    await api.GET('/api/v1/files/{id}/content', {
      params: { path: { id: file.file_id } },
      parseAs: 'blob',
    }),
  );
  saveBlob(blob, file.file_name);
}
