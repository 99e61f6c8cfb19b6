import { createFileRoute } from '@tanstack/react-router';

import { WebhooksPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/webhooks/')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'webhooks.manage.endpoint'),
  component: WebhooksPage,
});
