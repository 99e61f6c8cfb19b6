import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { apiTokensQueryOptions } from './get-api-tokens';

export async function revokeApiToken(id: string) {
  unwrap(await api.DELETE('/api/v1/api-tokens/{id}', { params: { path: { id } } }));
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryOptions().queryKey }),
  });
}
