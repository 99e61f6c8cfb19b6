import { useTranslation } from 'react-i18next';

import { usePermissions } from '@/lib/auth/permissions';

import type { IncidentDetail } from '../lib/incident';
import { ActionItem } from './action-item';
import { AddActionDialog } from './add-action-dialog';
import { DetailCard } from './detail-card';

/** The incident's corrective and preventive actions, and "Add action" for their managers. */
export function ActionsPanel({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation('hse');
  const { can } = usePermissions();
  // The API takes actions on an incident that is submitted and not closed.
  const open = incident.status !== 'draft' && incident.status !== 'closed';
  return (
    <DetailCard
      title={t('actions.title')}
      actions={open && can('hse.manage.action') ? <AddActionDialog incident={incident} /> : null}
    >
      {incident.actions.length === 0 ? (
        <p className="text-muted-foreground text-sm">{t('actions.none')}</p>
      ) : (
        <ul className="divide-y">
          {incident.actions.map((action) => (
            <ActionItem key={action.id} action={action} />
          ))}
        </ul>
      )}
    </DetailCard>
  );
}
