import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

/** The API's rules for `EndpointIn` / `EndpointUpdate` (it also refuses private addresses). */
export const webhookEndpointSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'errors.field.required')
    .max(2048, 'errors.field.too_long')
    .regex(/^https?:\/\/\S+$/, 'admin:errors.url'),
  description: z.string().trim().max(500, 'errors.field.too_long'),
  event_types: z.array(z.string()).max(100, 'errors.field.too_long'),
  enabled: z.boolean(),
});
export type WebhookEndpointInput = z.infer<typeof webhookEndpointSchema>;

export async function createWebhookEndpoint(body: Schemas['EndpointIn']) {
  return unwrap(await api.POST('/api/v1/webhooks/endpoints', { body }));
}

export async function updateWebhookEndpoint(id: string, body: Schemas['EndpointUpdate']) {
  return unwrap(
    await api.PATCH('/api/v1/webhooks/endpoints/{id}', { params: { path: { id } }, body }),
  );
}

const invalidate = (queryClient: ReturnType<typeof useQueryClient>) =>
  queryClient.invalidateQueries({ queryKey: ['admin', 'webhooks'] });

/** Creates an endpoint; the answer holds its signing secret, shown this once. */
export function useCreateWebhookEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: WebhookEndpointInput) =>
      createWebhookEndpoint({ ...input, description: input.description || null }),
    onSuccess: () => invalidate(queryClient),
  });
}

/** Replaces an endpoint's settings (also how it is enabled or disabled). */
export function useUpdateWebhookEndpoint(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Schemas['EndpointUpdate']) => updateWebhookEndpoint(id, input),
    onSuccess: () => invalidate(queryClient),
  });
}
