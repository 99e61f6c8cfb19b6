import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export async function resendEmail(id: string) {
  return unwrap(await api.POST('/api/v1/emails/{id}/resend', { params: { path: { id } } }));
}

/** Queues the message again (a new try now). */
export function useResendEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resendEmail,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['admin', 'emails'] }),
  });
}
