import { createFileRoute } from '@tanstack/react-router';

import { UserDetailPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/users/$id')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'users.view.user'),
  component: function UserDetailRoute() {
    const { id } = Route.useParams();
    return <UserDetailPage key={id} id={id} />;
  },
});
