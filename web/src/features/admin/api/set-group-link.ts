import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { groupsQueryOptions } from './get-groups';

export type GroupLink = { kind: 'member' | 'role'; id: string; linked: boolean };

export async function setGroupLink(groupId: string, { kind, id, linked }: GroupLink) {
  if (kind === 'member') {
    const params = { path: { id: groupId, user_id: id } };
    const path = '/api/v1/groups/{id}/members/{user_id}';
    unwrap(linked ? await api.PUT(path, { params }) : await api.DELETE(path, { params }));
  } else {
    const params = { path: { id: groupId, role_id: id } };
    const path = '/api/v1/groups/{id}/roles/{role_id}';
    unwrap(linked ? await api.PUT(path, { params }) : await api.DELETE(path, { params }));
  }
}

/** Adds or removes a group's member or role. */
export function useSetGroupLink(groupId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (link: GroupLink) => setGroupLink(groupId, link),
    onSettled: () => queryClient.invalidateQueries({ queryKey: groupsQueryOptions().queryKey }),
  });
}
