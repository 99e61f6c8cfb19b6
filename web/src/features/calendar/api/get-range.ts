import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import { CALENDAR_KEY, calendarApi } from './calendar-client';

/** The instants the visible range starts and ends at (`…Z`). */
export type Range = { from: string; to: string };

export const rangeQueryOptions = (range: Range) =>
  queryOptions({
    queryKey: [...CALENDAR_KEY, 'range', range],
    queryFn: async () =>
      unwrap(await calendarApi.GET('/api/v1/calendar/events', { params: { query: range } })),
  });

/**
 * The occurrences and module items of the range on screen. While the next range loads,
 * the previous one's stay (no flash of an empty grid at each step).
 */
export function useRange(range: Range | null) {
  return useQuery({
    ...rangeQueryOptions(range ?? { from: '', to: '' }),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}
