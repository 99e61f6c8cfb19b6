import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { NewPasswordInput } from '@/lib/forms/password-policy';

/** Sets a new password with the emailed token; every session ends. 400 = link used or expired. */
export async function resetPassword(token: string, input: NewPasswordInput) {
  unwrap(
    await api.POST('/api/v1/auth/password/reset', {
      body: { token, new_password: input.password },
    }),
  );
}

export function useResetPassword(token: string) {
  return useMutation({ mutationFn: (input: NewPasswordInput) => resetPassword(token, input) });
}
