import { createFileRoute } from '@tanstack/react-router';

import { ApiTokensPage } from '@/features/admin';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/api-tokens')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'api_tokens.manage.token'),
  component: ApiTokensPage,
});
