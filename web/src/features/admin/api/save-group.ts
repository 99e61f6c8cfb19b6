import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { groupsQueryOptions } from './get-groups';

/** The API's rules for `GroupIn` / `GroupPatch`. */
export const groupSchema = z.object({
  name: z.string().trim().min(1, 'errors.field.required').max(100, 'errors.field.too_long'),
  description: z.string().trim().max(2000, 'errors.field.too_long'),
});
export type GroupInput = z.infer<typeof groupSchema>;

export async function createGroup(body: Schemas['GroupIn']) {
  return unwrap(await api.POST('/api/v1/groups', { body }));
}

export async function updateGroup(id: string, body: Schemas['GroupPatch']) {
  return unwrap(await api.PATCH('/api/v1/groups/{id}', { params: { path: { id } }, body }));
}

/** Creates a group, or (with `id`) renames it. */
export function useSaveGroup(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GroupInput) => {
      const body = { name: input.name, description: input.description || null };
      return id ? updateGroup(id, body) : createGroup(body);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: groupsQueryOptions().queryKey }),
  });
}
