import { createFileRoute } from '@tanstack/react-router';

import { ActionsPage, actionSearch } from '@/features/hse';
import { requirePermission } from '@/lib/auth/permissions';
import { loadNamespace } from '@/lib/i18n';

export const Route = createFileRoute('/_app/hse/actions')({
  validateSearch: actionSearch,
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'hse.view.action', 'own'),
  // The import and export buttons' words.
  loader: () => loadNamespace('importExport'),
  component: function ActionsRoute() {
    const search = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <ActionsPage
        search={search}
        onSearchChange={(next) => void navigate({ search: next, replace: true })}
      />
    );
  },
});
