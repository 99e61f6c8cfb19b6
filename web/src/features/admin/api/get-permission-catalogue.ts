import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type PermissionDef = Schemas['PermissionOut'];

/** Every permission the platform and its modules define, for matrices and pickers. */
export const permissionCatalogueQueryOptions = () =>
  queryOptions({
    queryKey: ['admin', 'permissions'],
    queryFn: async () => unwrap(await api.GET('/api/v1/permissions')).items,
    staleTime: 5 * 60_000,
  });

export function usePermissionCatalogue() {
  return useQuery(permissionCatalogueQueryOptions());
}
