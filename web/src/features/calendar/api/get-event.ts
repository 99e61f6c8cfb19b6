import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import { CALENDAR_KEY, calendarApi } from './calendar-client';

export const eventQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...CALENDAR_KEY, 'event', id],
    queryFn: async () =>
      unwrap(await calendarApi.GET('/api/v1/calendar/events/{id}', { params: { path: { id } } })),
  });

/** One event (a series' row for its occurrences) with its attendees' answers. */
export function useEvent(id: string | null) {
  return useQuery({ ...eventQueryOptions(id ?? ''), enabled: id !== null });
}
