import { createFileRoute } from '@tanstack/react-router';

import { DashboardPage, periodSearch } from '@/features/hse';
import { requirePermission } from '@/lib/auth/permissions';
import { loadNamespace } from '@/lib/i18n';

export const Route = createFileRoute('/_app/hse/dashboard')({
  validateSearch: periodSearch,
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'hse.view.kpi', 'own'),
  loader: () => loadNamespace('hseKpi'),
  component: function DashboardRoute() {
    const search = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <DashboardPage
        search={search}
        onSearchChange={(next) => void navigate({ search: next, replace: true })}
      />
    );
  },
});
