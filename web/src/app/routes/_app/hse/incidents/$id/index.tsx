import { createFileRoute } from '@tanstack/react-router';

import { IncidentDetailPage } from '@/features/hse';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/hse/incidents/$id/')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'hse.view.incident', 'own'),
  component: function IncidentDetailRoute() {
    const { id } = Route.useParams();
    return <IncidentDetailPage key={id} id={id} />;
  },
});
