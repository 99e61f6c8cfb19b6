import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type HookEvent = Schemas['EventInfo'];

export const hookEventsQueryOptions = () =>
  queryOptions({
    queryKey: ['hooks', 'events'],
    queryFn: async () => unwrap(await api.GET('/api/v1/hooks/events')).items,
    // The catalogue is the build's: it changes with a deployment, not during a visit.
    staleTime: 30 * 60_000,
  });

/** Every event hooks can listen to, with the schema of what a hook sees and a sample. */
export function useHookEvents() {
  return useQuery(hookEventsQueryOptions());
}
