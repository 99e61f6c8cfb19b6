import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { type Action, type ActionMove, ACTIONS_KEY } from '../lib/actions';
import { ifMatch } from '../lib/revision';
import { incidentQueryKey } from './get-incident';

/** Moves an action (start, complete, verify, reopen, cancel) as of the revision shown. */
export function useMoveAction(action: Action) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      move,
      note,
      evidenceIds = [],
    }: {
      move: ActionMove;
      note?: string;
      evidenceIds?: string[];
    }) =>
      unwrap(
        await api.POST('/api/v1/hse/actions/{id}/{move}', {
          params: {
            path: { id: action.id, move },
            header: { 'If-Match': ifMatch(action.revision) },
          },
          body: { note: note || null, evidence_ids: evidenceIds },
        }),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: incidentQueryKey(action.incident_id) });
      void queryClient.invalidateQueries({ queryKey: ACTIONS_KEY });
    },
  });
}
