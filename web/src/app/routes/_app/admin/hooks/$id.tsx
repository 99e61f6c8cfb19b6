import { createFileRoute } from '@tanstack/react-router';

import { HookEditorPage } from '@/features/hooks';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/hooks/$id')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'hooks.manage.hook'),
  component: function HookRoute() {
    const { id } = Route.useParams();
    return <HookEditorPage key={id} id={id} />;
  },
});
