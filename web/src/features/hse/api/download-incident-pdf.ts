import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { saveBlob } from '@/lib/download';

/**
 * Saves an incident's report as `<number>.pdf`, in the reader's language and time zone
 * (their profile's). Bytes come with the bearer token, as module exports do.
 */
export async function downloadIncidentPdf(incident: { id: string; number: string }) {
  const blob = unwrap(
    await api.GET('/api/v1/hse/incidents/{id}/pdf', {
      params: { path: { id: incident.id } },
      parseAs: 'blob',
    }),
  );
  saveBlob(blob, `${incident.number}.pdf`);
}
