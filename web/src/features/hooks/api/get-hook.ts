import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export const hookQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['hooks', 'one', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/hooks/{id}', { params: { path: { id } } })),
  });

/** One hook (nothing to load for a new one). */
export function useHook(id: string | undefined) {
  return useQuery({ ...hookQueryOptions(id ?? ''), enabled: id !== undefined });
}
