import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { HOURS_KEY } from '../lib/kpis';
import type { PeriodQuery } from '../lib/period-search';

export const hoursQueryOptions = (query: PeriodQuery) =>
  queryOptions({
    queryKey: [...HOURS_KEY, query],
    queryFn: async () => unwrap(await api.GET('/api/v1/hse/hours', { params: { query } })),
  });

/**
 * The hours worked per site and month of a period (by month, then site). Not paged: the
 * API answers 60 months at most, one row per site and month.
 */
export function useHours(query: PeriodQuery) {
  return useQuery({ ...hoursQueryOptions(query), placeholderData: keepPreviousData });
}
