import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Usage = Schemas['Usage'];

export const usageQueryOptions = () =>
  queryOptions({
    queryKey: ['files', 'usage'],
    queryFn: async () => unwrap(await api.GET('/api/v1/files/usage')),
  });

/** What the company keeps against its quota, in all and per purpose. */
export function useUsage() {
  return useQuery(usageQueryOptions());
}
