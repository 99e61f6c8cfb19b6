import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { KPIS_KEY } from '../lib/kpis';
import type { PeriodQuery } from '../lib/period-search';

export const kpisQueryOptions = (query: PeriodQuery) =>
  queryOptions({
    queryKey: [...KPIS_KEY, query],
    queryFn: async () => unwrap(await api.GET('/api/v1/hse/kpis', { params: { query } })),
  });

/** The indicators of a period and site; the previous ones stay while a new filter loads. */
export function useKpis(query: PeriodQuery) {
  return useQuery({ ...kpisQueryOptions(query), placeholderData: keepPreviousData });
}
