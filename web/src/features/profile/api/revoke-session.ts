import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { sessionsQueryOptions } from './get-sessions';

export async function revokeSession(id: string) {
  unwrap(await api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id } } }));
}

/** Signs out other sessions: one id, or several ("everywhere else"). */
export function useRevokeSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (ids: string[]) => {
      await Promise.all(ids.map(revokeSession));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsQueryOptions().queryKey }),
  });
}
