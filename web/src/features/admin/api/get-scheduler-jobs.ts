import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { isLive } from '../lib/runs';

export type PeriodicJob = Schemas['PeriodicJobOut'];

/** Often while a run is going (its outcome shows soon), else enough to keep "next run" true. */
const LIVE_POLL_MS = 3_000;
const IDLE_POLL_MS = 30_000;

export const schedulerJobsQueryOptions = () =>
  queryOptions({
    queryKey: ['admin', 'scheduler', 'jobs'],
    queryFn: async () => unwrap(await api.GET('/api/v1/scheduler/jobs')),
    refetchInterval: (query) =>
      query.state.data?.some((job) => job.last_run && isLive(job.last_run))
        ? LIVE_POLL_MS
        : IDLE_POLL_MS,
  });

/** Every periodic job of the platform, with its next time and last run. */
export function useSchedulerJobs() {
  return useQuery(schedulerJobsQueryOptions());
}
