import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

/** The API's rules for `InvitationIn`. */
export const inviteSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'errors.field.required')
    .max(254, 'errors.field.too_long')
    .pipe(z.email('errors.field.email')),
  full_name: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.too_long'),
  locale: z.enum(['fr', 'en']),
  role_ids: z.array(z.string()),
});
export type InviteInput = z.infer<typeof inviteSchema>;

export async function inviteUser(body: Schemas['InvitationIn']) {
  return unwrap(await api.POST('/api/v1/users', { body }));
}

export function useInviteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: inviteUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'users', 'list'] }),
  });
}
