import { createFileRoute } from '@tanstack/react-router';

import { RoleEditorPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/roles/new')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'roles.manage.role'),
  component: () => <RoleEditorPage />,
});
