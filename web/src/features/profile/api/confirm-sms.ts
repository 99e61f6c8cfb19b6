import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { meQueryOptions } from '@/lib/auth/me';

import type { CodeInput } from './confirm-totp';

/** Turns SMS on; answers recovery codes when it is the account's first second factor. */
export async function confirmSms(input: CodeInput) {
  return unwrap(await api.POST('/api/v1/auth/mfa/sms/confirm', { body: input }));
}

export function useConfirmSms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmSms,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryOptions().queryKey }),
  });
}
