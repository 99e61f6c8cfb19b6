import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

/** A new seed (secret, URI, QR code); nothing changes until it is confirmed. */
export async function enrollTotp() {
  return unwrap(await api.POST('/api/v1/auth/mfa/totp/enroll'));
}

export function useEnrollTotp() {
  return useMutation({ mutationFn: enrollTotp });
}
