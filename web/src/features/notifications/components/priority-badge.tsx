import { Siren, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';

import { HIGH, URGENT } from '../lib/presentation';

/** "Urgente" (red) or "Priorité haute" (amber); nothing for normal and low ones. */
export function PriorityBadge({ priority }: { priority: number }) {
  const { t } = useTranslation('notifications');
  if (priority >= URGENT) {
    return (
      <Badge variant="destructive">
        <Siren className="size-3" aria-hidden />
        {t('priority.urgent')}
      </Badge>
    );
  }
  if (priority >= HIGH) {
    return (
      <Badge variant="warning">
        <TriangleAlert className="size-3" aria-hidden />
        {t('priority.high')}
      </Badge>
    );
  }
  return null;
}
