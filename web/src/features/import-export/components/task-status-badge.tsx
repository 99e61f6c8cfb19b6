import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';

import type { TaskStatus } from '../api/types';

const VARIANTS = {
  queued: 'secondary',
  running: 'warning',
  done: 'success',
  failed: 'destructive',
  cancelled: 'outline',
} as const satisfies Record<TaskStatus, string>;

/** A task's status in words and colour; an unknown status is shown as the server wrote it. */
export function TaskStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('importExport');
  const known = status in VARIANTS ? (status as TaskStatus) : null;
  return (
    <Badge variant={known ? VARIANTS[known] : 'outline'}>
      {known ? t(`jobs.status.${known}`) : status}
    </Badge>
  );
}
