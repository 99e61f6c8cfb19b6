import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export const forgotPasswordSchema = z.object({
  email: z.string().trim().min(1, 'errors.field.required').email('errors.field.email'),
});
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

/** Always accepted (202), whether or not the account exists. */
export async function forgotPassword(input: ForgotPasswordInput) {
  unwrap(await api.POST('/api/v1/auth/password/forgot', { body: input }));
}

export function useForgotPassword() {
  return useMutation({ mutationFn: forgotPassword });
}
