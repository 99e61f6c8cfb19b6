import { createFileRoute } from '@tanstack/react-router';

import { SitesPage } from '@/features/sites';
import { requirePermission } from '@/lib/auth/permissions';
import { loadNamespace } from '@/lib/i18n';

export const Route = createFileRoute('/_app/admin/sites')({
  beforeLoad: ({ context }) =>
    requirePermission(context.queryClient, 'sites.manage.site', 'company'),
  // The import and export buttons' words.
  loader: () => loadNamespace('importExport'),
  component: SitesPage,
});
