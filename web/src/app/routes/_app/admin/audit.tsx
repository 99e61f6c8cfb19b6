import { createFileRoute } from '@tanstack/react-router';

import { AuditPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/audit')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'audit.view.log'),
  component: AuditPage,
});
