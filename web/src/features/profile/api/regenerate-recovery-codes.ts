import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { meQueryOptions } from '@/lib/auth/me';

export const passwordSchema = z.object({ password: z.string().min(1, 'errors.field.required') });
export type PasswordInput = z.infer<typeof passwordSchema>;

/** New recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(input: PasswordInput) {
  return unwrap(await api.POST('/api/v1/auth/mfa/recovery-codes', { body: input }));
}

export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: regenerateRecoveryCodes,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryOptions().queryKey }),
  });
}
