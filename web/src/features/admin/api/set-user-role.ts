import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { userAccessQueryOptions } from './get-user-access';

export async function setUserRole(userId: string, roleId: string, held: boolean) {
  const params = { path: { id: userId, role_id: roleId } };
  const path = '/api/v1/users/{id}/roles/{role_id}';
  unwrap(held ? await api.PUT(path, { params }) : await api.DELETE(path, { params }));
}

/** Gives (`held: true`) or takes back a role from a user. */
export function useSetUserRole(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ roleId, held }: { roleId: string; held: boolean }) =>
      setUserRole(userId, roleId, held),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: userAccessQueryOptions(userId).queryKey }),
  });
}
