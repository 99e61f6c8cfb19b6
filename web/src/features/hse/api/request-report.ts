import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import type { IncidentQuery } from '../lib/list-search';
import { type ReportFormat, TASKS_KEY } from '../lib/report';

/**
 * Asks a worker for an export of the incidents `query` keeps (the list's filters, the
 * period already in instants): `202` with the task to follow, seeded in the cache so
 * polling starts from what the server said.
 */
export function useRequestReport(query: IncidentQuery) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (format: ReportFormat) =>
      unwrap(await api.POST('/api/v1/hse/reports', { body: { ...query, format } })),
    onSuccess: (task) => queryClient.setQueryData([...TASKS_KEY, task.id], task),
  });
}
