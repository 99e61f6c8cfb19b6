import { createFileRoute } from '@tanstack/react-router';

import { GroupDetailPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/groups/$id')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'groups.manage.group'),
  component: function GroupRoute() {
    const { id } = Route.useParams();
    return <GroupDetailPage key={id} id={id} />;
  },
});
