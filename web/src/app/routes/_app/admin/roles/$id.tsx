import { createFileRoute } from '@tanstack/react-router';

import { RoleEditorPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/roles/$id')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'roles.manage.role'),
  component: function RoleRoute() {
    const { id } = Route.useParams();
    return <RoleEditorPage key={id} id={id} />;
  },
});
