import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export async function resendSmsMessage(id: string) {
  return unwrap(await api.POST('/api/v1/sms/{id}/resend', { params: { path: { id } } }));
}

/** Queues the message again (a new try now). */
export function useResendSmsMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resendSmsMessage,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['admin', 'smsMessages'] }),
  });
}
