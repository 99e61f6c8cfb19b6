import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorState } from '@/components/data/list-states';
import { NotFoundPage } from '@/components/errors/not-found-page';
import { PageBody } from '@/components/layout/page-header';
import { UserName } from '@/components/people/user-name';
import { SiteName } from '@/components/sites/site-name';
import { Skeleton } from '@/components/ui/skeleton';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { ApiProblem } from '@/lib/api/problem';
import { useFormat } from '@/lib/i18n/format';

import { useIncident } from '../api/get-incident';
import type { IncidentDetail } from '../lib/incident';
import { SeverityBadge, StatusChip } from './incident-badges';
import { IncidentPhotos } from './incident-photos';
import { formatCoordinates } from './position-button';

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="bg-card grid gap-3 rounded-lg border p-4 md:p-6">
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-muted-foreground text-xs font-medium">{label}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  );
}

function IncidentView({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation('hse');
  const format = useFormat();
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
      </div>
      <Card title={t('detail.facts')}>
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
      </Card>
      <Card title={t('detail.description')}>
        <p className="text-sm whitespace-pre-line">{incident.description}</p>
        <h3 className="text-sm font-semibold">{t('detail.immediate_actions')}</h3>
        <p className="text-sm whitespace-pre-line">
          {incident.immediate_actions || t('detail.none')}
        </p>
      </Card>
      <Card title={t('detail.people')}>
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
      </Card>
      <Card title={t('detail.photos')}>
        <IncidentPhotos incidentId={incident.id} />
      </Card>
      <Card title={t('detail.history')}>
        <ol className="grid gap-3 border-l pl-4">
          {incident.steps.map((step, index) => (
            <li key={index} className="grid gap-0.5 text-sm">
              <span className="font-medium">
                {step.from_status
                  ? t('detail.step', {
                      from: t(`status.${step.from_status}`),
                      to: t(`status.${step.to_status}`),
                    })
                  : t('detail.created_step', { to: t(`status.${step.to_status}`) })}
              </span>
              <span className="text-muted-foreground text-xs">
                <time dateTime={step.at}>{format.dateTime(step.at)}</time>
                {step.by_user ? (
                  <>
                    {' · '}
                    <UserName id={step.by_user} />
                  </>
                ) : null}
              </span>
              {step.reason ? <span className="text-sm">{step.reason}</span> : null}
            </li>
          ))}
        </ol>
      </Card>
    </PageBody>
  );
}

/** One incident (`/hse/incidents/$id`): facts, people, photos and history. */
export function IncidentDetailPage({ id }: { id: string }) {
  const incident = useIncident(id);
  if (incident.isPending) {
    return (
      <PageBody>
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-40 w-full" />
      </PageBody>
    );
  }
  if (incident.isError) {
    const status = incident.error instanceof ApiProblem ? incident.error.status : 0;
    if (status === 404 || status === 400) return <NotFoundPage />;
    return (
      <PageBody>
        <div className="bg-card rounded-lg border">
          <ErrorState error={incident.error} onRetry={() => void incident.refetch()} />
        </div>
      </PageBody>
    );
  }
  return <IncidentView incident={incident.data} />;
}
