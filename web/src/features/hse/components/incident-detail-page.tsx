import { Link } from '@tanstack/react-router';
import { ArrowLeft, ClipboardPen } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { PageBody } from '@/components/layout/page-header';
import { UserName } from '@/components/people/user-name';
import { SiteName } from '@/components/sites/site-name';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { Button } from '@/components/ui/button';
import { useFormat } from '@/lib/i18n/format';

import { isBlankInvestigation } from '../api/save-investigation';
import { type IncidentDetail, mayInvestigate } from '../lib/incident';
import { ActionsPanel } from './actions-panel';
import { DetailCard, Fact } from './detail-card';
import { IncidentEditButtons } from './incident-edit-buttons';
import { IncidentGate } from './incident-gate';
import { SeverityBadge, StatusChip } from './incident-badges';
import { IncidentPdfButton } from './incident-pdf-button';
import { IncidentPhotos } from './incident-photos';
import { IncidentTimeline } from './incident-timeline';
import { goToInvestigation, INVESTIGATION_ID, InvestigationPanel } from './investigation-panel';
import { formatCoordinates } from './position-button';
import { WorkflowButtons } from './workflow-buttons';

function IncidentView({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation('hse');
  const format = useFormat();
  // Under investigation with nothing written yet: the first thing to do, said at the top.
  const toFillIn = mayInvestigate(incident) && isBlankInvestigation(incident.investigation);
  return (
    <PageBody>
      <div className="grid gap-2">
        <Link
          to="/hse/incidents"
          className="text-muted-foreground inline-flex w-fit items-center gap-1 text-sm hover:underline"
        >
          <ArrowLeft className="size-4" aria-hidden />
          {t('detail.back')}
        </Link>
        <p className="text-muted-foreground font-mono text-sm">{incident.number}</p>
        <h1 className="text-2xl font-semibold tracking-tight">{incident.title}</h1>
        <div className="flex flex-wrap gap-2">
          <SeverityBadge severity={incident.severity} />
          <StatusChip status={incident.status} />
        </div>
        <div className="flex flex-wrap items-center gap-2 pt-2">
          {toFillIn ? (
            <Button onClick={goToInvestigation}>
              <ClipboardPen aria-hidden />
              {t('investigation.write')}
            </Button>
          ) : null}
          <WorkflowButtons incident={incident} />
          <IncidentEditButtons incident={incident} />
          <IncidentPdfButton incident={incident} />
        </div>
      </div>
      <DetailCard title={t('detail.facts')}>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Fact label={t('detail.type')}>{t(`types.${incident.incident_type}`)}</Fact>
          <Fact label={t('detail.occurred_at')}>
            <time dateTime={incident.occurred_at}>{format.dateTime(incident.occurred_at)}</time>
          </Fact>
          <Fact label={t('detail.site')}>
            {incident.site_id ? <SiteName id={incident.site_id} /> : '—'}
          </Fact>
          <Fact label={t('detail.location')}>
            {incident.location}
            {incident.coordinates ? (
              <span className="text-muted-foreground block text-xs tabular-nums">
                {formatCoordinates(incident.coordinates)}
              </span>
            ) : null}
          </Fact>
          <Fact label={t('detail.reporter')}>
            <UserName id={incident.reported_by} />
          </Fact>
          <Fact label={t('detail.assignee')}>
            {incident.assigned_to ? <UserName id={incident.assigned_to} /> : t('detail.nobody')}
          </Fact>
        </dl>
      </DetailCard>
      <DetailCard title={t('detail.description')}>
        <p className="text-sm whitespace-pre-line">{incident.description}</p>
        <h3 className="text-sm font-semibold">{t('detail.immediate_actions')}</h3>
        <p className="text-sm whitespace-pre-line">
          {incident.immediate_actions || t('detail.none')}
        </p>
      </DetailCard>
      <DetailCard title={t('detail.people')}>
        {incident.people.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t('detail.no_people')}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t('form.person_name')}</TableHead>
                <TableHead>{t('form.person_employer')}</TableHead>
                <TableHead>{t('form.person_injury')}</TableHead>
                <TableHead className="text-right">{t('form.person_days_lost')}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {incident.people.map((person, index) => (
                <TableRow key={index}>
                  <TableCell className="font-medium">{person.full_name}</TableCell>
                  <TableCell>{t(`employer.${person.employer}`)}</TableCell>
                  <TableCell>{t(`injury.${person.injury_class ?? 'none'}`)}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {format.number(person.days_lost)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DetailCard>
      <DetailCard title={t('detail.photos')}>
        <IncidentPhotos incidentId={incident.id} />
      </DetailCard>
      <DetailCard id={INVESTIGATION_ID} title={t('investigation.title')}>
        <InvestigationPanel key={incident.revision} incident={incident} />
      </DetailCard>
      <ActionsPanel incident={incident} />
      <DetailCard title={t('detail.history')}>
        <IncidentTimeline steps={incident.steps} />
      </DetailCard>
    </PageBody>
  );
}

/**
 * One incident (`/hse/incidents/$id`): its workflow moves, facts, people, photos,
 * investigation, actions and history.
 */
export function IncidentDetailPage({ id }: { id: string }) {
  return <IncidentGate id={id}>{(incident) => <IncidentView incident={incident} />}</IncidentGate>;
}
