import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { meQueryOptions } from '@/lib/auth/me';

export const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'errors.field.six_digits'),
});
export type CodeInput = z.infer<typeof codeSchema>;

/** Turns the authenticator on; answers the 10 recovery codes, shown once. */
export async function confirmTotp(input: CodeInput) {
  return unwrap(await api.POST('/api/v1/auth/mfa/totp/confirm', { body: input }));
}

export function useConfirmTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmTotp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryOptions().queryKey }),
  });
}
