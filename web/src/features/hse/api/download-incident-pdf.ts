import type { Client } from 'openapi-fetch';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { saveBlob } from '@/lib/download';

/**
 * `GET /api/v1/hse/incidents/{id}/pdf`, which openapi.json does not list yet. Until the
 * backend adds it and `npm run api:types` types it, the one client is viewed through
 * this declaration, so the request is still signed and refreshed like every other.
 */
type PdfPaths = {
  '/api/v1/hse/incidents/{id}/pdf': {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: Record<string, unknown>; content: { 'application/pdf': Blob } };
      };
    };
  };
};
const pdfApi = api as unknown as Client<PdfPaths>;

/**
 * Saves an incident's report as `<number>.pdf`, in the reader's language (the client
 * sends `Accept-Language`). Bytes come with the bearer token, as module exports do.
 */
export async function downloadIncidentPdf(incident: { id: string; number: string }) {
  const blob = unwrap(
    await pdfApi.GET('/api/v1/hse/incidents/{id}/pdf', {
      params: { path: { id: incident.id } },
      parseAs: 'blob',
    }),
  );
  saveBlob(blob, `${incident.number}.pdf`);
}
