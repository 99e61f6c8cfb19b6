import { createFileRoute, redirect } from '@tanstack/react-router';

import { NotFoundPage } from '@/components/errors/not-found-page';
import { AppShell, menuQueryOptions } from '@/features/shell';
import { ensureSignedIn } from '@/lib/auth/ensure-session';
import { applyUserPreferences, meQueryOptions } from '@/lib/auth/me';
import { permissionsQueryOptions } from '@/lib/auth/permissions';

/** Every signed-in page: the session, the user, their permissions and menu, then the shell. */
export const Route = createFileRoute('/_app')({
  beforeLoad: async ({ location }) => {
    if (!(await ensureSignedIn())) {
      throw redirect({ to: '/sign-in', search: { redirect: location.href } });
    }
  },
  loader: async ({ context: { queryClient } }) => {
    const [me] = await Promise.all([
      queryClient.ensureQueryData(meQueryOptions()),
      queryClient.ensureQueryData(permissionsQueryOptions()),
      queryClient.ensureQueryData(menuQueryOptions()),
    ]);
    await applyUserPreferences(me);
  },
  component: AppShell,
  notFoundComponent: NotFoundPage,
});
