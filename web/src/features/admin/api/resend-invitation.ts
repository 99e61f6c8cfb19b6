import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export async function resendInvitation(id: string) {
  unwrap(await api.POST('/api/v1/users/{id}/invitation', { params: { path: { id } } }));
}

export function useResendInvitation() {
  return useMutation({ mutationFn: resendInvitation });
}
