import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export async function replayWebhookDelivery(id: string) {
  return unwrap(
    await api.POST('/api/v1/webhooks/deliveries/{id}/replay', { params: { path: { id } } }),
  );
}

export function useReplayWebhookDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replayWebhookDelivery,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: ['admin', 'webhooks', 'deliveries'] }),
  });
}
