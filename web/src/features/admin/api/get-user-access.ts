import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type UserAccess = Schemas['UserAccessOut'];

export const userAccessQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'users', 'access', id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/users/{id}/access', { params: { path: { id } } })),
  });

/** A user's direct roles, direct grants and effective permissions. */
export function useUserAccess(id: string) {
  return useQuery(userAccessQueryOptions(id));
}
