import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { saveBlob } from '@/lib/download';

export const exportsQueryOptions = () =>
  queryOptions({
    queryKey: ['modules', 'exports'],
    queryFn: async () => unwrap(await api.GET('/api/v1/modules/exports')),
  });

/** The exports of uninstalled packages' records (names, oldest first); platform operators only. */
export function useExports() {
  return useQuery(exportsQueryOptions());
}

/**
 * Saves one export. Its bytes come through the API client, which signs the request
 * with the bearer token (there is no signed link for exports, unlike attachments).
 */
export async function downloadExport(name: string) {
  const blob = unwrap(
    await api.GET('/api/v1/modules/exports/{name}', {
      params: { path: { name } },
      parseAs: 'blob',
    }),
  );
  saveBlob(blob, name);
}
