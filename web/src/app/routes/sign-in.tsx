import { createFileRoute } from '@tanstack/react-router';

import { SignInPage } from '@/features/auth';

type Search = { redirect?: string };

export const Route = createFileRoute('/sign-in')({
  validateSearch: (search: Record<string, unknown>): Search =>
    typeof search.redirect === 'string' ? { redirect: search.redirect } : {},
  component: function SignInRoute() {
    const { redirect } = Route.useSearch();
    return <SignInPage redirect={redirect} />;
  },
});
