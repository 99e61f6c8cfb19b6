import { createFileRoute } from '@tanstack/react-router';

import { SequencesPage } from '@/features/sequences';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/sequences')({
  beforeLoad: ({ context }) =>
    requirePermission(context.queryClient, 'sequences.manage.sequence', 'company'),
  component: SequencesPage,
});
