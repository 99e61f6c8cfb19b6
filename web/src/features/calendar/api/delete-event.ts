import { useMutation, useQueryClient } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import type { Target } from '../lib/scope';
import { CALENDAR_KEY, calendarApi } from './calendar-client';

export async function deleteEvent(target: Target) {
  unwrap(
    await calendarApi.DELETE('/api/v1/calendar/events/{id}', {
      params: { path: { id: target.id }, ...(target.query ? { query: target.query } : {}) },
    }),
  );
}

/** Deletes an event, a series, one occurrence or the following ones. */
export function useDeleteEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteEvent,
    onSettled: () => queryClient.invalidateQueries({ queryKey: CALENDAR_KEY }),
  });
}
