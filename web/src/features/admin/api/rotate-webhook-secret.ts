import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export async function rotateWebhookSecret(id: string) {
  return unwrap(
    await api.POST('/api/v1/webhooks/endpoints/{id}/rotate-secret', { params: { path: { id } } }),
  ).secret;
}

export function useRotateWebhookSecret() {
  return useMutation({ mutationFn: rotateWebhookSecret });
}
