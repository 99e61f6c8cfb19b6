import { queryOptions, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import type * as React from 'react';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Scope = Schemas['Scope'];
export type Grants = Schemas['GrantsOut'];

const SCOPE_RANK: Record<Scope, number> = { own: 1, company: 2, all: 3 };

export const permissionsQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'permissions'],
    queryFn: async () => unwrap(await api.GET('/api/v1/me/permissions')),
    staleTime: 60_000,
  });

/** Whether `grants` holds `code` at `scope` or wider (`own` ⊂ `company` ⊂ `all`). */
export function hasPermission(grants: Grants, code: string, scope: Scope = 'own') {
  const held = grants[code];
  return held !== undefined && SCOPE_RANK[held] >= SCOPE_RANK[scope];
}

/**
 * What the signed-in user may do, for hiding what they may not. Hiding is a courtesy:
 * the API checks every request anyway.
 */
export function usePermissions() {
  const grants = useSuspenseQuery(permissionsQueryOptions()).data;
  return {
    grants,
    can: (code: string, scope?: Scope) => hasPermission(grants, code, scope),
  };
}

/** Renders `children` only with the permission (else `fallback`, default nothing). */
export function Can({
  permission,
  scope,
  fallback = null,
  children,
}: {
  permission: string;
  scope?: Scope;
  fallback?: React.ReactNode;
  children: React.ReactNode;
}) {
  const { can } = usePermissions();
  return can(permission, scope) ? children : fallback;
}

/** Thrown by a route's `beforeLoad`; the router shows the 403 page in its place. */
export class ForbiddenError extends Error {
  constructor(readonly permission: string) {
    super(`missing permission ${permission}`);
    this.name = 'ForbiddenError';
  }
}

/**
 * For a route's `beforeLoad`: `await requirePermission(context.queryClient, 'users.view.user')`.
 */
export async function requirePermission(queryClient: QueryClient, code: string, scope?: Scope) {
  const grants = await queryClient.ensureQueryData(permissionsQueryOptions());
  if (!hasPermission(grants, code, scope)) throw new ForbiddenError(code);
}
