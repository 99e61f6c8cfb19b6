import { createFileRoute } from '@tanstack/react-router';

import { RolesPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/roles/')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'roles.manage.role'),
  component: RolesPage,
});
