import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { userQueryOptions } from './get-user';

/** The API's rules for `UserPatch` (the editable part). */
export const userSchema = z.object({
  full_name: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.too_long'),
  locale: z.enum(['fr', 'en']),
  time_zone: z.string().min(1, 'errors.field.required'),
});
export type UserInput = z.infer<typeof userSchema>;

export async function updateUser(id: string, patch: Schemas['UserPatch']) {
  return unwrap(await api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: patch }));
}

/** Edits a user; also deactivates (`is_active: false`, which ends sessions and tokens). */
export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Schemas['UserPatch']) => updateUser(id, patch),
    onSuccess: (user) => {
      queryClient.setQueryData(userQueryOptions(id).queryKey, user);
      return queryClient.invalidateQueries({ queryKey: ['admin', 'users', 'list'] });
    },
  });
}
