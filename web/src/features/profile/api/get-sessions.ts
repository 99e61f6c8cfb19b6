import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Session = Schemas['SessionOut'];

export const sessionsQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'sessions'],
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/sessions')).items,
  });

export function useSessions() {
  return useQuery(sessionsQueryOptions());
}
