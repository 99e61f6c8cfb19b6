import { createFileRoute } from '@tanstack/react-router';

import { StoragePage } from '@/features/files';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/storage')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'files.manage.file'),
  component: StoragePage,
});
