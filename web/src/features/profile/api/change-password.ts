import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { policyPassword } from '@/lib/forms/password-policy';

export const changePasswordSchema = z
  .object({
    current_password: z.string().min(1, 'errors.field.required'),
    new_password: policyPassword,
    confirm: z.string(),
  })
  .refine((value) => value.confirm === value.new_password, {
    path: ['confirm'],
    message: 'errors.field.password_mismatch',
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Every other session of the account is signed out; this one stays. */
export async function changePassword({ current_password, new_password }: ChangePasswordInput) {
  unwrap(
    await api.POST('/api/v1/auth/password/change', { body: { current_password, new_password } }),
  );
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
