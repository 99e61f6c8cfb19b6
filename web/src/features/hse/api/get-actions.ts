import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { ACTIONS_KEY } from '../lib/actions';
import type { ActionQuery } from '../lib/actions-search';

export const actionsQueryOptions = (query: ActionQuery) =>
  infiniteQueryOptions({
    queryKey: [...ACTIONS_KEY, 'list', query],
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/hse/actions', {
          params: { query: { ...query, cursor: pageParam, limit: 50 } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** Actions in the user's reach, newest first, 50 at a time; the rows stay while a filter loads. */
export function useActions(query: ActionQuery) {
  return useInfiniteQuery({ ...actionsQueryOptions(query), placeholderData: keepPreviousData });
}
