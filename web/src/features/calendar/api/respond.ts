import { useMutation, useQueryClient } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import { CALENDAR_KEY, calendarApi } from './calendar-client';
import { eventQueryOptions } from './get-event';
import type { Answer } from './types';

export async function respond(id: string, response: Answer) {
  return unwrap(
    await calendarApi.POST('/api/v1/calendar/events/{id}/response', {
      params: { path: { id } },
      body: { response },
    }),
  );
}

/** The user's answer to an invitation (the whole series for a recurring one). */
export function useRespond(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (response: Answer) => respond(id, response),
    onSuccess: (event) => queryClient.setQueryData(eventQueryOptions(id).queryKey, event),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...CALENDAR_KEY, 'range'] }),
  });
}
