import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

/**
 * Suggestions for `role:` and `group:` recipients: the company's roles and groups.
 * Optional help: without the permission to list them, the inputs take typed names.
 */
export const recipientRolesQueryOptions = () =>
  queryOptions({
    queryKey: ['hooks', 'recipient-roles'],
    queryFn: async () => unwrap(await api.GET('/api/v1/roles')).items,
    staleTime: 5 * 60_000,
  });

export const recipientGroupsQueryOptions = () =>
  queryOptions({
    queryKey: ['hooks', 'recipient-groups'],
    queryFn: async () => unwrap(await api.GET('/api/v1/groups')).items,
    staleTime: 5 * 60_000,
  });

export function useRecipientRoles() {
  return useQuery(recipientRolesQueryOptions());
}

export function useRecipientGroups() {
  return useQuery(recipientGroupsQueryOptions());
}
