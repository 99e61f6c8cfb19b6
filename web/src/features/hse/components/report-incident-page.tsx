import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { PageBody, PageHeader } from '@/components/layout/page-header';
import { ApiProblem } from '@/lib/api/problem';
import { useFormat } from '@/lib/i18n/format';
import { isoToZonedInput } from '@/lib/zoned-time';

import { blankIncident, incidentBody, useReportIncident } from '../api/report-incident';
import { IncidentForm } from './incident-form';

/**
 * Reporting an incident (`/hse/incidents/new`): the incident form, photos sent as they
 * are chosen, saved as a draft or submitted.
 */
export function ReportIncidentPage() {
  const { t } = useTranslation('hse');
  const format = useFormat();
  const navigate = useNavigate();
  // One key for the form's lifetime: a retried submit cannot report the incident twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const report = useReportIncident(idempotencyKey);
  const [defaultValues] = useState(() =>
    blankIncident(isoToZonedInput(new Date().toISOString(), format.timeZone)),
  );
  return (
    <PageBody>
      <PageHeader title={t('form.title')} description={t('form.description')} />
      <IncidentForm
        defaultValues={defaultValues}
        withPhotos
        submitLabel={t('form.submit')}
        draftLabel={t('form.save_draft')}
        onSave={async (values, draft) => {
          const incident = await report.mutateAsync(incidentBody(values, format.timeZone, draft));
          toast.success(t(draft ? 'form.drafted' : 'form.created', { number: incident.number }));
          void navigate({ to: '/hse/incidents/$id', params: { id: incident.id } });
        }}
        onError={(error) => {
          if (!(error instanceof ApiProblem) || error.code !== 'idempotency_key_reused')
            return false;
          toast.error(t('errors.key_reused'));
          return true;
        }}
      />
    </PageBody>
  );
}
