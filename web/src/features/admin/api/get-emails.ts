import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Email = Schemas['EmailOut'];
export type EmailFilters = { status?: Schemas['Status'] };

export const emailsQueryOptions = (filters: EmailFilters) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'emails', filters],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/emails', { params: { query: { ...filters, cursor: pageParam } } }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** The email queue, newest first, filtered by status on the server. */
export function useEmails(filters: EmailFilters) {
  return useInfiniteQuery(emailsQueryOptions(filters));
}
