import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Group = Schemas['GroupOut'];

export const groupsQueryOptions = () =>
  queryOptions({
    queryKey: ['admin', 'groups'],
    queryFn: async () => unwrap(await api.GET('/api/v1/groups')).items,
  });

/** The company's groups with their members and roles (all at once, like roles). */
export function useGroups(enabled = true) {
  return useQuery({ ...groupsQueryOptions(), enabled });
}
