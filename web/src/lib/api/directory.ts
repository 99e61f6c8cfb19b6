import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from './client';
import { unwrap } from './problem';

/**
 * The company's roles and groups, for choosing whom something reaches (a hook's
 * recipients, an event's attendees). Optional help: without the permission to list
 * them, the pickers take a typed code or name.
 */
export const roleChoicesQueryOptions = () =>
  queryOptions({
    queryKey: ['directory', 'roles'],
    queryFn: async () => unwrap(await api.GET('/api/v1/roles')).items,
    staleTime: 5 * 60_000,
  });

export const groupChoicesQueryOptions = () =>
  queryOptions({
    queryKey: ['directory', 'groups'],
    queryFn: async () => unwrap(await api.GET('/api/v1/groups')).items,
    staleTime: 5 * 60_000,
  });

export function useRoleChoices() {
  return useQuery(roleChoicesQueryOptions());
}

export function useGroupChoices() {
  return useQuery(groupChoicesQueryOptions());
}
