import { createFileRoute } from '@tanstack/react-router';

import { NewPasswordPage } from '@/features/auth';

// The emailed link: {public_url}/accept-invitation?token=… (backend `LinkPurpose::Invitation`).
export const Route = createFileRoute('/accept-invitation')({
  validateSearch: (search: Record<string, unknown>) => ({
    token: typeof search.token === 'string' ? search.token : '',
  }),
  component: function AcceptInvitationRoute() {
    const { token } = Route.useSearch();
    return <NewPasswordPage purpose="invitation" token={token} />;
  },
});
