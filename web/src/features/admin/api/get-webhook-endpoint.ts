import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export const webhookEndpointQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'webhooks', 'endpoint', id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/webhooks/endpoints/{id}', { params: { path: { id } } })),
  });

export function useWebhookEndpoint(id: string) {
  return useQuery(webhookEndpointQueryOptions(id));
}
