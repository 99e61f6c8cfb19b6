import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Preferences = Schemas['Preferences'];

export const preferencesQueryOptions = () =>
  queryOptions({
    queryKey: ['notifications', 'preferences'] as const,
    queryFn: async () => unwrap(await api.GET('/api/v1/notifications/preferences')),
  });

/** Your notification preferences (the defaults until you save some). */
export function usePreferences() {
  return useQuery(preferencesQueryOptions());
}
