import { createFileRoute } from '@tanstack/react-router';

import { EditIncidentPage } from '@/features/hse';
import { requirePermission } from '@/lib/auth/permissions';

// Whether this user may edit this incident is decided on the page, once it is read.
export const Route = createFileRoute('/_app/hse/incidents/$id/edit')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'hse.view.incident', 'own'),
  component: function EditIncidentRoute() {
    const { id } = Route.useParams();
    return <EditIncidentPage key={id} id={id} />;
  },
});
