import { createFileRoute } from '@tanstack/react-router';

import { ModulesPage } from '@/features/modules';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/modules')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'modules.manage.module'),
  component: ModulesPage,
});
