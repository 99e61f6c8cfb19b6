import { createFileRoute } from '@tanstack/react-router';

import { MESSAGE_TABS, MessagesPage, type MessageTab } from '@/features/admin';
import { ForbiddenError, hasPermission, permissionsQueryOptions } from '@/lib/auth/permissions';

// Emails, SMS and push share the screen: either viewing permission opens it.
export const Route = createFileRoute('/_app/admin/emails')({
  validateSearch: (search: Record<string, unknown>): { tab?: MessageTab } =>
    MESSAGE_TABS.includes(search.tab as MessageTab) ? { tab: search.tab as MessageTab } : {},
  beforeLoad: async ({ context }) => {
    const grants = await context.queryClient.ensureQueryData(permissionsQueryOptions());
    if (
      !hasPermission(grants, 'emails.view.email') &&
      !hasPermission(grants, 'messages.view.message')
    ) {
      throw new ForbiddenError('emails.view.email');
    }
  },
  component: function MessagesRoute() {
    const { tab } = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <MessagesPage
        tab={tab ?? 'emails'}
        onTabChange={(next) => void navigate({ search: { tab: next }, replace: true })}
      />
    );
  },
});
