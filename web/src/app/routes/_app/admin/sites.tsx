import { createFileRoute } from '@tanstack/react-router';

import { SitesPage } from '@/features/sites';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/sites')({
  beforeLoad: ({ context }) =>
    requirePermission(context.queryClient, 'sites.manage.site', 'company'),
  component: SitesPage,
});
