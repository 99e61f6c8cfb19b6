import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { groupsQueryOptions } from './get-groups';

export async function deleteGroup(id: string) {
  unwrap(await api.DELETE('/api/v1/groups/{id}', { params: { path: { id } } }));
}

export function useDeleteGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteGroup,
    onSettled: () => queryClient.invalidateQueries({ queryKey: groupsQueryOptions().queryKey }),
  });
}
