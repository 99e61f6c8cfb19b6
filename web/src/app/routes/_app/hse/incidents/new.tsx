import { createFileRoute } from '@tanstack/react-router';

import { ReportIncidentPage } from '@/features/hse';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/hse/incidents/new')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'hse.create.incident'),
  component: ReportIncidentPage,
});
