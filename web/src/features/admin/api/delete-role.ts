import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { rolesQueryOptions } from './get-roles';

export async function deleteRole(id: string) {
  unwrap(await api.DELETE('/api/v1/roles/{id}', { params: { path: { id } } }));
}

export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteRole,
    onSettled: () => queryClient.invalidateQueries({ queryKey: rolesQueryOptions().queryKey }),
  });
}
