import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { webhookSourcesQueryOptions } from './get-webhook-sources';

export async function deleteWebhookSource(id: string) {
  unwrap(await api.DELETE('/api/v1/webhooks/sources/{id}', { params: { path: { id } } }));
}

export function useDeleteWebhookSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWebhookSource,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: webhookSourcesQueryOptions().queryKey }),
  });
}
