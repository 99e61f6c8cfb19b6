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

/** Users whose name or address holds `q` (a few, for picking one). */
export function useUserSearch(q: string) {
  return useQuery({
    queryKey: ['hooks', 'recipient-users', q],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/users', { params: { query: { q, limit: 6 } } })).items,
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
}

/** One user, to show a chip's name instead of their id. */
export function useRecipientUser(id: string | null) {
  return useQuery({
    queryKey: ['hooks', 'recipient-user', id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/users/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
