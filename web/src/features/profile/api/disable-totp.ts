import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { meQueryOptions } from '@/lib/auth/me';

export const disableTotpSchema = z.object({
  password: z.string().min(1, 'errors.field.required'),
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'errors.field.six_digits'),
});
export type DisableTotpInput = z.infer<typeof disableTotpSchema>;

export async function disableTotp(input: DisableTotpInput) {
  unwrap(await api.POST('/api/v1/auth/mfa/totp/disable', { body: input }));
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disableTotp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryOptions().queryKey }),
  });
}
