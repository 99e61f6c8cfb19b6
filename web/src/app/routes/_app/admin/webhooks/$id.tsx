import { createFileRoute } from '@tanstack/react-router';

import { WebhookEndpointPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/webhooks/$id')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'webhooks.manage.endpoint'),
  component: function WebhookEndpointRoute() {
    const { id } = Route.useParams();
    return <WebhookEndpointPage key={id} id={id} />;
  },
});
