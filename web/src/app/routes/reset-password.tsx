import { createFileRoute } from '@tanstack/react-router';

import { NewPasswordPage } from '@/features/auth';

// The emailed link: {public_url}/reset-password?token=… (backend `LinkPurpose::Reset`).
export const Route = createFileRoute('/reset-password')({
  validateSearch: (search: Record<string, unknown>) => ({
    token: typeof search.token === 'string' ? search.token : '',
  }),
  component: function ResetPasswordRoute() {
    const { token } = Route.useSearch();
    return <NewPasswordPage purpose="reset" token={token} />;
  },
});
