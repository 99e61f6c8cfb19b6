import { createFileRoute } from '@tanstack/react-router';

import { TranslationsPage } from '@/features/translations';
import { requirePermission } from '@/lib/auth/permissions';

export const Route = createFileRoute('/_app/admin/translations')({
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'i18n.manage.translation'),
  component: TranslationsPage,
});
