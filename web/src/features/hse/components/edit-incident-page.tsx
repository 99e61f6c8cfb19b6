import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ForbiddenPage } from '@/components/errors/forbidden-page';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { buttonVariants } from '@/components/ui/button';
import { useMe } from '@/lib/auth/me';
import { usePermissions } from '@/lib/auth/permissions';
import { useFormat } from '@/lib/i18n/format';

import { incidentPatch, incidentValues, useUpdateIncident } from '../api/update-incident';
import { type IncidentDetail, mayEdit } from '../lib/incident';
import { IncidentForm } from './incident-form';
import { IncidentGate } from './incident-gate';
import { useStaleIncident } from './use-stale-incident';

function EditIncident({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation('hse');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const update = useUpdateIncident(incident);
  const stale = useStaleIncident(incident);
  // The values as opened: what the user changed is measured against these.
  const [before] = useState(() => incidentValues(incident, format.timeZone));
  const back = () => navigate({ to: '/hse/incidents/$id', params: { id: incident.id } });
  return (
    <PageBody>
      <PageHeader
        title={t('edit.title', { number: incident.number })}
        description={t('edit.description')}
      />
      <IncidentForm
        defaultValues={before}
        withPhotos={false}
        submitLabel={t('edit.save')}
        cancel={
          <Link
            to="/hse/incidents/$id"
            params={{ id: incident.id }}
            className={buttonVariants({ variant: 'outline' })}
          >
            {tc('common.cancel')}
          </Link>
        }
        onSave={async (values) => {
          const patch = incidentPatch(before, values, format.timeZone);
          if (Object.keys(patch).length > 0) await update.mutateAsync(patch);
          toast.success(t('edit.saved', { number: incident.number }));
          void back();
        }}
        onError={async (error) => {
          if (!(await stale(error))) return false;
          // Someone else's version is the one to start from again.
          void back();
          return true;
        }}
      />
    </PageBody>
  );
}

/** Editing an incident (`/hse/incidents/$id/edit`): the report form, sending what changed. */
export function EditIncidentPage({ id }: { id: string }) {
  const me = useMe();
  const { grants } = usePermissions();
  return (
    <IncidentGate id={id}>
      {(incident) =>
        mayEdit(incident, me.user.id, grants) ? (
          <EditIncident incident={incident} />
        ) : (
          <ForbiddenPage />
        )
      }
    </IncidentGate>
  );
}
