import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type WebhookEndpoint = Schemas['EndpointOut'];

export const webhookEndpointsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: ['admin', 'webhooks', 'endpoints'],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/webhooks/endpoints', { params: { query: { cursor: pageParam } } }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

export function useWebhookEndpoints() {
  return useInfiniteQuery(webhookEndpointsQueryOptions());
}
