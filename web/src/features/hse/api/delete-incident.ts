import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { INCIDENTS_KEY } from '../lib/incident';
import { incidentQueryKey } from './get-incident';

/** Deletes an incident not yet approved (it stays in the audit trail). */
export function useDeleteIncident(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE('/api/v1/hse/incidents/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: incidentQueryKey(id) });
      void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
    },
  });
}
