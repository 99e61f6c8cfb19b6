import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { jobRunsQueryOptions } from './get-job-runs';
import { schedulerJobsQueryOptions } from './get-scheduler-jobs';

export async function runSchedulerJob(name: string) {
  return unwrap(
    await api.POST('/api/v1/scheduler/jobs/{name}/run', { params: { path: { name } } }),
  );
}

/**
 * Starts a run of the job now (202: the run goes on after the answer). Refused with 409
 * `job_running` while a run has not ended, 403 `scope_all_required` below scope `all`.
 */
export function useRunSchedulerJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runSchedulerJob,
    // On success the row shows the run going; on a 409, the run that was already going.
    onSettled: (_run, _error, name) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: schedulerJobsQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: jobRunsQueryOptions(name).queryKey }),
      ]),
  });
}
