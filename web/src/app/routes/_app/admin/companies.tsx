import { createFileRoute } from '@tanstack/react-router';

import { CompaniesPage } from '@/features/admin';
import { meQueryOptions } from '@/lib/auth/me';
import { ForbiddenError } from '@/lib/auth/permissions';

// Companies are the tenants themselves: superusers only, whatever roles say.
export const Route = createFileRoute('/_app/admin/companies')({
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQueryOptions());
    if (!me.user.is_superuser) throw new ForbiddenError('superuser');
  },
  component: CompaniesPage,
});
