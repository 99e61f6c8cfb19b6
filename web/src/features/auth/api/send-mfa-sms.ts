import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

/** Sends (or re-sends) the sign-in code by SMS; the API allows 3 per attempt. */
export async function sendMfaSms(mfaToken: string) {
  unwrap(await api.POST('/api/v1/auth/mfa/sms/send', { body: { mfa_token: mfaToken } }));
}

export function useSendMfaSms(mfaToken: string) {
  return useMutation({ mutationFn: () => sendMfaSms(mfaToken) });
}
