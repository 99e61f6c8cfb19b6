import { useQuery } from '@tanstack/react-query';

import { api } from './client';
import { unwrap } from './problem';

/** People whose name or address holds `q` (a few, for picking one). */
export function useUserSearch(q: string) {
  return useQuery({
    queryKey: ['users', 'search', q],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/users', { params: { query: { q, limit: 6 } } })).items,
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
}

/** One person's name, to show instead of their id (none without the right to see users). */
export function useUserName(id: string | null) {
  return useQuery({
    queryKey: ['users', 'name', id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/users/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== null,
    staleTime: 5 * 60_000,
    retry: false,
    select: (user) => user.full_name,
  });
}
