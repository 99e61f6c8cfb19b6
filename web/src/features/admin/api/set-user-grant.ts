import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Scope } from '@/lib/auth/permissions';

import { userAccessQueryOptions } from './get-user-access';

export async function setUserGrant(userId: string, code: string, scope: Scope | null) {
  const params = { path: { id: userId, code } };
  const path = '/api/v1/users/{id}/permissions/{code}';
  unwrap(
    scope ? await api.PUT(path, { params, body: { scope } }) : await api.DELETE(path, { params }),
  );
}

/** Grants a permission directly to a user at a scope, or (`scope: null`) removes it. */
export function useSetUserGrant(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, scope }: { code: string; scope: Scope | null }) =>
      setUserGrant(userId, code, scope),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: userAccessQueryOptions(userId).queryKey }),
  });
}
