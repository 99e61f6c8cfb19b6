import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type AuditEntry = Schemas['AuditEntryOut'];

export const recordHistoryQueryOptions = (module: string, recordType: string, id: string) =>
  queryOptions({
    queryKey: ['records', module, recordType, 'history', id],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/audit', {
          params: { query: { model: `${module}.${recordType}`, object_id: id, limit: 50 } },
        }),
      ).items,
    // A 403 (no `audit.view.log`) hides the section: no point asking again.
    retry: false,
  });

/** A record's audit trail, newest first (the last 50 changes). */
export function useRecordHistory(module: string, recordType: string, id: string) {
  return useQuery(recordHistoryQueryOptions(module, recordType, id));
}
