import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ApiProblem } from '@/lib/api/problem';

import { incidentQueryOptions } from '../api/get-incident';
import type { IncidentDetail } from '../lib/incident';

/** The answers that mean "the incident moved on since this page read it". */
const STALE_CODES = new Set([
  'revision_mismatch',
  'illegal_transition',
  'incident_locked',
  'not_under_investigation',
  'incident_not_open',
  'action_settled',
]);

/** Whether `error` says the page was out of date (412, or a 409 naming a state that moved on). */
export const isStale = (error: unknown) =>
  error instanceof ApiProblem &&
  (error.status === 412 || (error.status === 409 && STALE_CODES.has(error.code)));

/**
 * For a refused change made on an out-of-date page: reads the incident again and tells
 * the user what changed (its status, or someone's edit). Returns false for any other
 * error, which the caller shows itself.
 */
export function useStaleIncident(incident: IncidentDetail) {
  const { t } = useTranslation('hse');
  const queryClient = useQueryClient();
  return async (error: unknown) => {
    if (!isStale(error)) return false;
    const fresh = await queryClient
      .fetchQuery({ ...incidentQueryOptions(incident.id), staleTime: 0 })
      .catch(() => null);
    if (fresh && fresh.status !== incident.status) {
      toast.warning(t('conflict.status', { status: t(`status.${fresh.status}`) }));
    } else {
      toast.warning(t('conflict.edited'));
    }
    return true;
  };
}
