import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import { render } from '@testing-library/react';
import type * as React from 'react';

import type { Schemas } from '@/lib/api/client';
import { meQueryOptions } from '@/lib/auth/me';
import { type Grants, permissionsQueryOptions } from '@/lib/auth/permissions';

/** Camille Martin, the signed-in user of the page tests. */
export const ME = '0193a7c2-0000-7000-8000-0000000000ee';

/**
 * `ui` as a page of the app: signed in as Camille (Europe/Paris) holding `grants`,
 * inside a router (links, navigation) and a query client that does not retry.
 * `wrap` puts providers around the router (the task watcher of the HSE pages).
 */
export function renderSignedIn(
  ui: () => React.ReactNode,
  grants: Grants,
  wrap: (children: React.ReactNode) => React.ReactNode = (children) => children,
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(permissionsQueryOptions().queryKey, grants);
  queryClient.setQueryData(meQueryOptions().queryKey, {
    user: { id: ME, full_name: 'Camille Martin', time_zone: 'Europe/Paris' },
  } as Schemas['MeOut']);
  const router = createRouter({
    routeTree: createRootRoute({ component: ui }),
    history: createMemoryHistory(),
  });
  const rendered = render(
    <QueryClientProvider client={queryClient}>
      {wrap(<RouterProvider router={router} />)}
    </QueryClientProvider>,
  );
  return { ...rendered, router, queryClient };
}
