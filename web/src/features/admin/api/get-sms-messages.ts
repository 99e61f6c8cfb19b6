import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type SmsMessage = Schemas['SmsOut'];
export type SmsMessageFilters = { status?: string };

export const smsMessagesQueryOptions = (filters: SmsMessageFilters) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'smsMessages', filters],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/sms', { params: { query: { ...filters, cursor: pageParam } } }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** SMS sent and queued, newest first, filtered by status on the server. */
export function useSmsMessages(filters: SmsMessageFilters) {
  return useInfiniteQuery(smsMessagesQueryOptions(filters));
}
