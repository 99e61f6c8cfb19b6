import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export const userQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'users', 'detail', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/users/{id}', { params: { path: { id } } })),
  });

export function useUser(id: string) {
  return useQuery(userQueryOptions(id));
}
