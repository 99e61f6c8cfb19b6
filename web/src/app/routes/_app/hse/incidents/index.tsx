import { createFileRoute } from '@tanstack/react-router';

import { IncidentsPage, incidentSearch } from '@/features/hse';
import { requirePermission } from '@/lib/auth/permissions';
import { loadNamespace } from '@/lib/i18n';

export const Route = createFileRoute('/_app/hse/incidents/')({
  validateSearch: incidentSearch,
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'hse.view.incident', 'own'),
  // The data export button's words.
  loader: () => loadNamespace('importExport'),
  component: function IncidentsRoute() {
    const search = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <IncidentsPage
        search={search}
        onSearchChange={(next) => void navigate({ search: next, replace: true })}
      />
    );
  },
});
