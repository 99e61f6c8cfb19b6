import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export const webhookDeliveryQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'webhooks', 'delivery', id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/webhooks/deliveries/{id}', { params: { path: { id } } })),
  });

/** One delivery with its payload and tries. */
export function useWebhookDelivery(id: string) {
  return useQuery(webhookDeliveryQueryOptions(id));
}
