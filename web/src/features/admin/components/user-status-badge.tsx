import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';

import type { User } from '../api/get-users';

const VARIANT = { active: 'success', invited: 'warning', disabled: 'destructive' } as const;

export function UserStatusBadge({ status }: { status: User['status'] }) {
  const { t } = useTranslation('admin');
  return <Badge variant={VARIANT[status]}>{t(`users.status.${status}`)}</Badge>;
}
