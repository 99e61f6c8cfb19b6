import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type TranslationKey = Schemas['KeyOut'];
export type KeyFilters = { search?: string; overridden?: boolean };

export const translationKeysQueryOptions = (filters: KeyFilters) =>
  queryOptions({
    queryKey: ['translations', 'keys', filters],
    queryFn: async () => unwrap(await api.GET('/api/v1/i18n-keys', { params: { query: filters } })),
  });

/** The catalogue's keys with the default words and the company's, filtered on the server. */
export function useTranslationKeys(filters: KeyFilters) {
  return useQuery({ ...translationKeysQueryOptions(filters), placeholderData: keepPreviousData });
}
