import { queryOptions } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

/**
 * A module's record types the user may view (fields, filters, workflow), which the
 * generic screens are drawn from. Any signed-in user of a company with the module on;
 * a 404 when it is off.
 */
export const definitionsQueryOptions = (module: string) =>
  queryOptions({
    queryKey: ['records', module, 'definitions'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/m/{module}', { params: { path: { module } } })),
    staleTime: 5 * 60_000,
    retry: false,
  });
