import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { meQueryOptions } from '@/lib/auth/me';

import type { PasswordInput } from './regenerate-recovery-codes';

export async function disableSms(input: PasswordInput) {
  unwrap(await api.POST('/api/v1/auth/mfa/sms/disable', { body: input }));
}

export function useDisableSms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disableSms,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryOptions().queryKey }),
  });
}
