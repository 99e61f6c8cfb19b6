import type * as React from 'react';

import { ErrorState } from '@/components/data/list-states';
import { NotFoundPage } from '@/components/errors/not-found-page';
import { PageBody } from '@/components/layout/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiProblem } from '@/lib/api/problem';

import { useIncident } from '../api/get-incident';
import type { IncidentDetail } from '../lib/incident';
import { HseNotFound } from './hse-off';

/**
 * An incident's page once it is read: a skeleton before; instead, the 404 page (or the
 * "HSE is off" one) or an error.
 */
export function IncidentGate({
  id,
  children,
}: {
  id: string;
  children: (incident: IncidentDetail) => React.ReactNode;
}) {
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
    // Every HSE route answers 404 while the company has HSE off: the menu tells which.
    if (status === 404) return <HseNotFound notFound={<NotFoundPage />} />;
    if (status === 400) return <NotFoundPage />;
    return (
      <PageBody>
        <div className="bg-card rounded-lg border">
          <ErrorState error={incident.error} onRetry={() => void incident.refetch()} />
        </div>
      </PageBody>
    );
  }
  return children(incident.data);
}
