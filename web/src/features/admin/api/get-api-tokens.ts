import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type ApiToken = Schemas['ApiTokenOut'];

export const apiTokensQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: ['admin', 'api-tokens'],
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET('/api/v1/api-tokens', { params: { query: { cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** Tokens in reach (yours, your company's or all, by your scope), newest first. */
export function useApiTokens() {
  return useInfiniteQuery(apiTokensQueryOptions());
}
