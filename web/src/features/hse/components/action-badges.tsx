import { Clock } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';

import type { ActionStatus } from '../lib/actions';

/** Where an action stands: to do, under way, waiting for verification, settled. */
const STATUS_COLORS: Record<ActionStatus, string> = {
  open: 'bg-blue-50 text-blue-900 border-blue-200',
  in_progress: 'bg-violet-50 text-violet-900 border-violet-200',
  done: 'bg-amber-50 text-amber-900 border-amber-200',
  verified: 'bg-emerald-50 text-emerald-900 border-emerald-200',
  cancelled: 'bg-muted text-muted-foreground line-through decoration-1',
};

export function ActionStatusChip({ status }: { status: ActionStatus }) {
  const { t } = useTranslation('hse');
  return (
    <Badge variant="outline" className={STATUS_COLORS[status]}>
      {t(`actions.status.${status}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation('hse');
  return (
    <Badge variant="destructive">
      <Clock className="size-3" aria-hidden />
      {t('actions.overdue')}
    </Badge>
  );
}
