import { createFileRoute } from '@tanstack/react-router';

import { UsersPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/users/')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'users.view.user'),
  component: UsersPage,
});
