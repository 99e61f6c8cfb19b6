import { createFileRoute } from '@tanstack/react-router';

import { HooksPage } from '@/features/hooks';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/hooks/')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'hooks.manage.hook'),
  component: HooksPage,
});
