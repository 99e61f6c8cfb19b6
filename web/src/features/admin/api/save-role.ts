import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { rolesQueryOptions } from './get-roles';

const scope = z.enum(['own', 'company', 'all']);

/** The API's rules for `RoleIn` / `RolePatch`. */
export const roleSchema = z.object({
  code: z
    .string()
    .trim()
    .min(2, 'admin:errors.too_short_2')
    .max(63, 'errors.field.too_long')
    .regex(/^[a-z0-9_]+$/, 'admin:errors.role_code'),
  name: z.string().trim().min(1, 'errors.field.required').max(100, 'errors.field.too_long'),
  description: z.string().trim().max(2000, 'errors.field.too_long'),
  permissions: z.record(z.string(), scope),
});
export type RoleInput = z.infer<typeof roleSchema>;

export async function createRole(body: Schemas['RoleIn']) {
  return unwrap(await api.POST('/api/v1/roles', { body }));
}

export async function updateRole(id: string, body: Schemas['RolePatch']) {
  return unwrap(await api.PATCH('/api/v1/roles/{id}', { params: { path: { id } }, body }));
}

/** Creates a role, or (with `id`) renames it and replaces its grants. */
export function useSaveRole(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RoleInput) => {
      const description = input.description || null;
      return id
        ? updateRole(id, { name: input.name, description, permissions: input.permissions })
        : createRole({ ...input, description });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolesQueryOptions().queryKey }),
  });
}
