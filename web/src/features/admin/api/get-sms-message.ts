import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export const smsMessageQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'smsMessage', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/sms/{id}', { params: { path: { id } } })),
  });

/** One message with its log of tries. */
export function useSmsMessage(id: string, enabled = true) {
  return useQuery({ ...smsMessageQueryOptions(id), enabled });
}
