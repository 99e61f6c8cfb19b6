import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { apiTokensQueryOptions } from './get-api-tokens';

export async function rotateApiToken(id: string) {
  return unwrap(await api.POST('/api/v1/api-tokens/{id}/rotate', { params: { path: { id } } }));
}

/** A new secret for one of your tokens; the old one stops working at once. */
export function useRotateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateApiToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryOptions().queryKey }),
  });
}
