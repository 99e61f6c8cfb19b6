import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type WebhookDelivery = Schemas['DeliveryOut'];

export const webhookDeliveriesQueryOptions = (endpointId: string) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'webhooks', 'deliveries', endpointId],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/webhooks/endpoints/{id}/deliveries', {
          params: { path: { id: endpointId }, query: { cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** An endpoint's deliveries, newest first. */
export function useWebhookDeliveries(endpointId: string) {
  return useInfiniteQuery(webhookDeliveriesQueryOptions(endpointId));
}
