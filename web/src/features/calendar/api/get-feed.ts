import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import { CALENDAR_KEY, calendarApi } from './calendar-client';

export const feedQueryOptions = () =>
  queryOptions({
    queryKey: [...CALENDAR_KEY, 'feed'],
    queryFn: async () => unwrap(await calendarApi.GET('/api/v1/calendar/feed')),
  });

/** Whether the user has a personal iCal link, since when, and when it was last read. */
export function useFeed() {
  return useQuery(feedQueryOptions());
}
