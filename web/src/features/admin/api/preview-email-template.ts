import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

type Locale = Schemas['Locale'];

/** A template rendered with its sample context, in one language (a read: cached). */
export const emailPreviewQueryOptions = (name: string, locale: Locale) =>
  queryOptions({
    queryKey: ['admin', 'email-templates', name, locale],
    queryFn: async () =>
      unwrap(
        await api.POST('/api/v1/email-templates/{name}/preview', {
          params: { path: { name } },
          body: { locale },
        }),
      ),
    staleTime: 5 * 60_000,
  });

export function useEmailPreview(name: string, locale: Locale) {
  return useQuery(emailPreviewQueryOptions(name, locale));
}
