import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { ACTIONS_KEY } from '../lib/actions';
import { type IncidentDetail, INCIDENTS_KEY } from '../lib/incident';
import { ifMatch } from '../lib/revision';
import { incidentQueryKey } from './get-incident';

export type Transition = Schemas['IncidentTransition'];

/** The workflow moves in the order the screens offer them (forward first, then back). */
export const TRANSITIONS = [
  'submit',
  'resubmit',
  'start_investigation',
  'request_approval',
  'approve',
  'reject',
  'close',
] as const satisfies Transition[];

/**
 * Moves the incident along its workflow, as of the revision the user saw (`If-Match`):
 * a move made on a page that is out of date answers 412 instead of surprising anyone.
 */
export function useMoveIncident(incident: IncidentDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ transition, reason }: { transition: Transition; reason?: string }) =>
      unwrap(
        await api.POST('/api/v1/hse/incidents/{id}/{transition}', {
          params: {
            path: { id: incident.id, transition },
            header: { 'If-Match': ifMatch(incident.revision) },
          },
          // `{}` without a reason: the server refuses a JSON `null` body (422) though the
          // OpenAPI document allows it.
          body: reason ? { reason } : {},
        }),
      ),
    onSuccess: (detail) => {
      queryClient.setQueryData(incidentQueryKey(incident.id), detail);
      void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
      void queryClient.invalidateQueries({ queryKey: ACTIONS_KEY });
    },
  });
}
