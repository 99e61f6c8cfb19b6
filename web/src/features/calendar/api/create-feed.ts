import { useMutation, useQueryClient } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import { calendarApi } from './calendar-client';
import { feedQueryOptions } from './get-feed';

/** A new link (the previous one stops working); its URL is in the answer only. */
export function useCreateFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await calendarApi.POST('/api/v1/calendar/feed')),
    onSettled: () => queryClient.invalidateQueries({ queryKey: feedQueryOptions().queryKey }),
  });
}
