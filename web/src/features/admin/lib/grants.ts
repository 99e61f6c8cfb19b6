import type { Grants, Scope } from '@/lib/auth/permissions';

export const SCOPES: readonly Scope[] = ['own', 'company', 'all'];

/** `hse.*` covers `hse.view.incident`; `*` covers everything. */
export function wildcardCovering(grants: Grants, code: string): string | undefined {
  return Object.keys(grants).find(
    (key) => key === '*' || (key.endsWith('.*') && code.startsWith(key.slice(0, -1))),
  );
}

/** The grants with `code` at `scope`, or without it (`scope: null`); never mutates. */
export function withGrant(grants: Grants, code: string, scope: Scope | null): Grants {
  const next = { ...grants };
  if (scope) next[code] = scope;
  else delete next[code];
  return next;
}

/** Groups a permission list by its module, keeping the catalogue's order. */
export function byModule<T extends { module: string }>(items: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.module) ?? [];
    group.push(item);
    groups.set(item.module, group);
  }
  return [...groups];
}
