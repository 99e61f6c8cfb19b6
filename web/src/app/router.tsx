import { createRouter } from '@tanstack/react-router';

import { PageLoading } from '@/components/errors/page-loading';
import { RouteError } from '@/components/errors/route-error';
import { onSessionExpired } from '@/lib/api/client';
import { createQueryClient } from '@/lib/query-client';

import { routeTree } from './route-tree.gen';

export const queryClient = createQueryClient();

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  // Loaders read through TanStack Query, which does the caching.
  defaultPreloadStaleTime: 0,
  defaultErrorComponent: RouteError,
  defaultPendingComponent: PageLoading,
  defaultPendingMs: 300,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

// The refresh failed mid-work: back to sign-in, then back here.
onSessionExpired(() => {
  const { pathname, searchStr } = router.state.location;
  if (pathname === '/sign-in') return;
  queryClient.clear();
  void router.navigate({ to: '/sign-in', search: { redirect: pathname + searchStr } });
});
