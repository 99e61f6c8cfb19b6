import { useMutation, useQueryClient } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import { calendarApi } from './calendar-client';
import { feedQueryOptions } from './get-feed';

/** Revokes the link: calendars subscribed to it get 404 from then on. */
export function useRevokeFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      unwrap(await calendarApi.DELETE('/api/v1/calendar/feed'));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: feedQueryOptions().queryKey }),
  });
}
