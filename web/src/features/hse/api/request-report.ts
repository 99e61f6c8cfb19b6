import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import type { IncidentQuery } from '../lib/list-search';
import type { ReportFormat, TaskState } from '../lib/report';

/**
 * Asks a worker for an export of the incidents `query` keeps (the list's filters, the
 * period already in instants): `202` with the task, handed to `follow` (which runs even
 * when the page that asked is gone by then).
 */
export function useRequestReport(query: IncidentQuery, follow: (task: TaskState) => void) {
  return useMutation({
    mutationFn: async (format: ReportFormat) =>
      unwrap(await api.POST('/api/v1/hse/reports', { body: { ...query, format } })),
    onSuccess: follow,
  });
}
