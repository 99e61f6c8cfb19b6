import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { NewPasswordInput } from '@/lib/forms/password-policy';

/** Sets the first password (204); the user then signs in. 400 = link used or expired. */
export async function acceptInvitation(token: string, input: NewPasswordInput) {
  unwrap(
    await api.POST('/api/v1/auth/invitation/accept', {
      body: { token, password: input.password },
    }),
  );
}

export function useAcceptInvitation(token: string) {
  return useMutation({ mutationFn: (input: NewPasswordInput) => acceptInvitation(token, input) });
}
