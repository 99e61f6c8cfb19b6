import { createFileRoute } from '@tanstack/react-router';

import { HoursPage, periodSearch } from '@/features/hse';
import { requirePermission } from '@/lib/auth/permissions';
import { loadNamespace } from '@/lib/i18n';

export const Route = createFileRoute('/_app/hse/hours')({
  validateSearch: periodSearch,
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'hse.view.kpi', 'own'),
  loader: () => loadNamespace('hseKpi'),
  component: function HoursRoute() {
    const search = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <HoursPage
        search={search}
        onSearchChange={(next) => void navigate({ search: next, replace: true })}
      />
    );
  },
});
