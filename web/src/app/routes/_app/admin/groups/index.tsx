import { createFileRoute } from '@tanstack/react-router';

import { GroupsPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/groups/')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'groups.manage.group'),
  component: GroupsPage,
});
