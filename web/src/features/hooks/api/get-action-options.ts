import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

/** The company's webhook endpoints, for `call_webhook` (the first 100 is plenty). */
export const webhookEndpointOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ['hooks', 'webhook-endpoints'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/webhooks/endpoints', { params: { query: { limit: 100 } } }))
        .items,
    staleTime: 60_000,
  });

/** The email templates, for `send_email`. */
export const emailTemplateOptionsQueryOptions = () =>
  queryOptions({
    queryKey: ['hooks', 'email-templates'],
    queryFn: async () => unwrap(await api.GET('/api/v1/email-templates')),
    staleTime: 30 * 60_000,
  });

export function useWebhookEndpointOptions(enabled: boolean) {
  return useQuery({ ...webhookEndpointOptionsQueryOptions(), enabled });
}

export function useEmailTemplateOptions(enabled: boolean) {
  return useQuery({ ...emailTemplateOptionsQueryOptions(), enabled });
}
