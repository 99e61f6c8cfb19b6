import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { INCIDENTS_KEY } from '../lib/incident';

export const incidentQueryKey = (id: string) => [...INCIDENTS_KEY, 'one', id] as const;

export const incidentQueryOptions = (id: string) =>
  queryOptions({
    queryKey: incidentQueryKey(id),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/hse/incidents/{id}', { params: { path: { id } } })),
  });

/** One incident with its people and its history (a 404 is final: no retry). */
export function useIncident(id: string) {
  return useQuery({ ...incidentQueryOptions(id), retry: false });
}
