import { createFileRoute } from '@tanstack/react-router';

import { SchedulerPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/scheduler')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'scheduler.view.job'),
  component: SchedulerPage,
});
