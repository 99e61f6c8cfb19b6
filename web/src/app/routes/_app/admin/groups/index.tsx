import { createFileRoute } from '@tanstack/react-router';

import { GroupsPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';
import { loadNamespace } from '@/lib/i18n';

export const Route = createFileRoute('/_app/admin/groups/')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'groups.manage.group'),
  // The import and export buttons' words.
  loader: () => loadNamespace('importExport'),
  component: GroupsPage,
});
