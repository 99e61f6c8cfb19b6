import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import { render, screen } from '@testing-library/react';

import { type Grants, permissionsQueryOptions } from '@/lib/auth/permissions';
import { answer } from '@/testing/api-answer';

import { ModulesPage } from '../components/modules-page';

/** A problem+json answer with its code, status and detail. */
export const problem = (status: number, code: string, detail: string) =>
  answer({ type: `urn:opsflux:problem:${code}`, title: 'Error', status, code, detail }, status);

/**
 * The modules page for a user holding `grants`, on a fresh cache. The test file mocks
 * `@/lib/api/client` (and what else it needs) with `vi.mock`; this renders through it.
 */
export async function renderModulesPage(grants: Grants = { 'modules.manage.module': 'company' }) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(permissionsQueryOptions().queryKey, grants);
  const router = createRouter({
    routeTree: createRootRoute({ component: ModulesPage }),
    history: createMemoryHistory(),
  });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  await screen.findByRole('heading', { level: 1, name: 'Modules' });
}

/** The grants of a platform operator, who installs, upgrades and uninstalls packages. */
export const operator: Grants = {
  'modules.manage.module': 'all',
  'modules.install.package': 'all',
};

/**
 * A mocked `api.GET` answering the modules list, the exports and the permissions (asked
 * again after a package changed); any other path gets an empty list.
 */
export function answerModulesPage({
  modules,
  exports = [],
  grants = operator,
}: {
  modules: unknown[];
  exports?: string[];
  grants?: Grants;
}) {
  const data: Record<string, unknown> = {
    '/api/v1/modules': modules,
    '/api/v1/modules/exports': exports,
    '/api/v1/me/permissions': grants,
  };
  return (path: string) => answer(data[path] ?? []);
}
