import { createFileRoute } from '@tanstack/react-router';

import { UsersPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';
import { loadNamespace } from '@/lib/i18n';

export const Route = createFileRoute('/_app/admin/users/')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'users.view.user'),
  // The import and export buttons' words.
  loader: () => loadNamespace('importExport'),
  component: UsersPage,
});
