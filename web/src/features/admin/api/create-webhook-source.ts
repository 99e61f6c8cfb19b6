import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { webhookSourcesQueryOptions } from './get-webhook-sources';

export const webhookSourceSchema = z.object({
  name: z.string().trim().min(1, 'errors.field.required').max(100, 'errors.field.too_long'),
});
export type WebhookSourceInput = z.infer<typeof webhookSourceSchema>;

export async function createWebhookSource(body: WebhookSourceInput) {
  return unwrap(await api.POST('/api/v1/webhooks/sources', { body }));
}

/** Creates a source; the answer holds the secret the sender signs with, shown this once. */
export function useCreateWebhookSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhookSource,
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: webhookSourcesQueryOptions().queryKey }),
  });
}
