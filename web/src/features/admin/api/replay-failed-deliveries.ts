import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export async function replayFailedDeliveries(endpointId: string, since: string) {
  return unwrap(
    await api.POST('/api/v1/webhooks/endpoints/{id}/replay', {
      params: { path: { id: endpointId } },
      body: { since },
    }),
  ).replayed;
}

/** Sends again every failed delivery of the endpoint since an instant; returns how many. */
export function useReplayFailedDeliveries(endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (since: string) => replayFailedDeliveries(endpointId, since),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: ['admin', 'webhooks', 'deliveries'] }),
  });
}
