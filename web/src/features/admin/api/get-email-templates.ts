import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type EmailTemplate = Schemas['TemplateInfo'];

export const emailTemplatesQueryOptions = () =>
  queryOptions({
    queryKey: ['admin', 'email-templates'],
    queryFn: async () => unwrap(await api.GET('/api/v1/email-templates')),
    staleTime: 5 * 60_000,
  });

export function useEmailTemplates() {
  return useQuery(emailTemplatesQueryOptions());
}
