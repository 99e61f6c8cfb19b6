import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export async function resendPushMessage(id: string) {
  return unwrap(await api.POST('/api/v1/push-messages/{id}/resend', { params: { path: { id } } }));
}

/** Queues the message again (a new try now). */
export function useResendPushMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resendPushMessage,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['admin', 'pushMessages'] }),
  });
}
