import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export const emailQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'email', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/emails/{id}', { params: { path: { id } } })),
  });

/** One message with its log of tries. */
export function useEmail(id: string, enabled = true) {
  return useQuery({ ...emailQueryOptions(id), enabled });
}
