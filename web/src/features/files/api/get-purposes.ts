import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type FilePurpose = Schemas['PurposeOut'];
export type Purposes = Schemas['PurposesOut'];

export const purposesQueryOptions = () =>
  queryOptions({
    queryKey: ['files', 'purposes'],
    queryFn: async () => unwrap(await api.GET('/api/v1/files/purposes')),
    // The purposes come from the build's modules: they change with a deployment only.
    staleTime: 60 * 60_000,
  });

/** What files are for (types, size), and which records take how many of each. */
export function usePurposes() {
  return useQuery(purposesQueryOptions());
}
