import { useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

/** People whose name or address holds `q` (a few, for a user link field). */
export function useUserSearch(q: string) {
  return useQuery({
    queryKey: ['modules', 'user-search', q],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/users', { params: { query: { q, limit: 6 } } })).items,
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
}

/** One person, to show a name instead of an id (none without the right to see users). */
export function useUserName(id: string | null) {
  return useQuery({
    queryKey: ['modules', 'user', id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/users/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== null,
    staleTime: 5 * 60_000,
    retry: false,
    select: (user) => user.full_name,
  });
}
