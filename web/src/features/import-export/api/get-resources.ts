import { queryOptions, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { unwrap } from '@/lib/api/problem';

import { ioApi } from './io-client';

/** The resources' labels are in the caller's language: one cache entry per language. */
export const resourcesQueryOptions = (language: string) =>
  queryOptions({
    queryKey: ['import-export', 'resources', language],
    queryFn: async () => unwrap(await ioApi.GET('/api/v1/imports/resources')),
    staleTime: 5 * 60_000,
  });

/** What the caller may import or export, with each resource's fields. */
export function useResources() {
  const { i18n } = useTranslation();
  return useQuery(resourcesQueryOptions(i18n.language));
}

/** Resource `name` when the caller may import or export it; `null` when not (or not yet known). */
export function useResource(name: string) {
  const resources = useResources();
  return resources.data?.find((resource) => resource.name === name) ?? null;
}
