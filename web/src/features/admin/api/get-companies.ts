import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Company = Schemas['CompanyOut'];

export const companiesQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: ['admin', 'companies'],
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/api/v1/companies', { params: { query: { cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** Every company (tenant); superusers only. */
export function useCompanies() {
  return useInfiniteQuery(companiesQueryOptions());
}
