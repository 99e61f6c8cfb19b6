import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Role = Schemas['RoleOut'];

export const rolesQueryOptions = () =>
  queryOptions({
    queryKey: ['admin', 'roles'],
    queryFn: async () => unwrap(await api.GET('/api/v1/roles')).items,
  });

/** The company's roles (the API returns them all at once: a company has a few dozen). */
export function useRoles(enabled = true) {
  return useQuery({ ...rolesQueryOptions(), enabled });
}
