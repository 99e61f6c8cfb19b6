import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type WebhookEventType = Schemas['EventTypeOut'];

export const webhookEventTypesQueryOptions = () =>
  queryOptions({
    queryKey: ['admin', 'webhooks', 'event-types'],
    queryFn: async () => unwrap(await api.GET('/api/v1/webhooks/event-types')).items,
    // The catalogue changes only with a new release.
    staleTime: Infinity,
  });

/** The event types endpoints can subscribe to, from every module of the server. */
export function useWebhookEventTypes() {
  return useQuery(webhookEventTypesQueryOptions());
}
