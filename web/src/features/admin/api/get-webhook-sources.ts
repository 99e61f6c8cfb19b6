import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type WebhookSource = Schemas['SourceOut'];

export const webhookSourcesQueryOptions = () =>
  queryOptions({
    queryKey: ['admin', 'webhooks', 'sources'],
    queryFn: async () => unwrap(await api.GET('/api/v1/webhooks/sources')).items,
  });

/** Incoming webhook sources: outside systems allowed to post events to us. */
export function useWebhookSources() {
  return useQuery(webhookSourcesQueryOptions());
}
