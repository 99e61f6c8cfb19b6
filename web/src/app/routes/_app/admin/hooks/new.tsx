import { createFileRoute } from '@tanstack/react-router';

import { HookEditorPage } from '@/features/hooks';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/hooks/new')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'hooks.manage.hook'),
  component: () => <HookEditorPage />,
});
