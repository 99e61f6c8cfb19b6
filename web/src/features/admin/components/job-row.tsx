import { useQueryClient } from '@tanstack/react-query';
import { ChevronDown, ChevronRight, Play } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { TableCell, TableRow } from '@/components/ui/table';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import { useJobRuns } from '../api/get-job-runs';
import { schedulerJobsQueryOptions, type PeriodicJob } from '../api/get-scheduler-jobs';
import { useRunSchedulerJob } from '../api/run-scheduler-job';
import { isLive } from '../lib/runs';
import { scheduleText } from '../lib/schedule';
import { JobRuns } from './job-runs';
import { RunStatusBadge, useRunFacts } from './run-status';

/** When the job runs next: "2 Dec 2026, 07:00" and "in 12 minutes" (or "due now"). */
function NextRun({ at, now }: { at: string | null | undefined; now: number }) {
  const { t } = useTranslation('scheduler');
  const format = useFormat();
  if (!at) return <span className="text-muted-foreground">{t('not_planned')}</span>;
  const due = new Date(at).getTime() <= now;
  return (
    <>
      <div className="whitespace-nowrap">{format.dateTime(at)}</div>
      <div className="text-muted-foreground text-xs">
        {due ? t('due_now') : format.relative(at, now)}
      </div>
    </>
  );
}

/** How the last run went: status, when, what it touched, how long, and its error. */
function LastRun({ job, now }: { job: PeriodicJob; now: number }) {
  const { t } = useTranslation('scheduler');
  const format = useFormat();
  const facts = useRunFacts();
  const run = job.last_run;
  if (!run) return <span className="text-muted-foreground">{t('never_ran')}</span>;
  const details = [
    run.trigger === 'manual' ? t('trigger.manual') : null,
    facts.affected(run),
    facts.duration(run, now),
  ].filter(Boolean);
  return (
    <div className="grid justify-items-start gap-1">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <RunStatusBadge run={run} now={now} />
        <span className="text-xs whitespace-nowrap" title={format.dateTime(run.started_at)}>
          {/* A run newer than our clock's last tick started "now", not "in 1 second". */}
          {format.relative(run.started_at, Math.max(now, Date.parse(run.started_at)))}
        </span>
      </div>
      {details.length > 0 ? (
        <div className="text-muted-foreground text-xs">
          {details.map((detail, index) => (
            <span key={index} className="whitespace-nowrap">
              {index > 0 ? ' · ' : null}
              {detail}
            </span>
          ))}
        </div>
      ) : null}
      {run.error ? (
        <p className="text-destructive line-clamp-2 text-xs break-words" title={run.error}>
          {run.error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * One periodic job: its schedule, next and last run, its history on demand, and "Run
 * now" for those who hold `scheduler.run.job` at scope `all`. After a manual start the
 * job's runs are polled until that run ends, then the list is refreshed.
 */
export function JobRow({
  job,
  now,
  expanded,
  onToggle,
  canRun,
  columns,
}: {
  job: PeriodicJob;
  now: number;
  expanded: boolean;
  onToggle: () => void;
  canRun: boolean;
  columns: number;
}) {
  const { t, i18n } = useTranslation('scheduler');
  const format = useFormat();
  const queryClient = useQueryClient();
  const run = useRunSchedulerJob();
  const [watch, setWatch] = useState<string | null>(null);
  const runs = useJobRuns(job.name, { enabled: expanded || watch !== null, watch });
  const label = i18n.language === 'en' ? job.label_en : job.label_fr;
  const schedule = scheduleText(job, t, format.locale);
  const cronShown = job.cron && schedule !== job.cron;

  // The run we started has ended: say how, and show the job's new last run and next time.
  const watched = watch ? runs.data?.pages[0]?.items.find((item) => item.id === watch) : undefined;
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!watched || isLive(watched) || announced.current === watched.id) return;
    announced.current = watched.id;
    if (watched.status === 'succeeded') {
      const affected = watched.affected ?? null;
      toast.success(
        affected === null
          ? t('run_succeeded_plain', { job: label })
          : t('run_succeeded', {
              job: label,
              affected: t('affected', { count: affected, n: format.number(affected) }),
            }),
      );
    } else if (watched.status === 'failed') {
      toast.error(t('run_failed', { job: label }), { description: watched.error ?? undefined });
    }
    void queryClient.invalidateQueries({ queryKey: schedulerJobsQueryOptions().queryKey });
  }, [watched, label, t, format, queryClient]);

  const watching = watched === undefined ? watch !== null && !runs.isError : isLive(watched);
  const busy = run.isPending || watching;
  const lastRunning = !!job.last_run && isLive(job.last_run, now);
  const historyId = `runs-${job.name.replace(/[^a-z0-9_-]/gi, '-')}`;

  return (
    <>
      <TableRow>
        <TableCell className="min-w-48">
          <button
            type="button"
            className="flex items-start gap-1 text-left hover:underline"
            aria-expanded={expanded}
            aria-controls={expanded ? historyId : undefined}
            title={expanded ? t('hide_runs', { job: label }) : t('show_runs', { job: label })}
            onClick={onToggle}
          >
            {expanded ? (
              <ChevronDown className="mt-0.5 size-4 shrink-0" aria-hidden />
            ) : (
              <ChevronRight className="mt-0.5 size-4 shrink-0" aria-hidden />
            )}
            <span className="font-medium">{label}</span>
          </button>
          <div className="text-muted-foreground pl-5 font-mono text-xs break-all">{job.name}</div>
          <div className="pl-5 text-xs lg:hidden">{schedule}</div>
        </TableCell>
        <TableCell className="hidden min-w-36 lg:table-cell">
          <div>{schedule}</div>
          {job.cron ? (
            <div className="text-muted-foreground text-xs">
              {cronShown ? <span className="font-mono">{job.cron}</span> : null}
              {cronShown ? ' · ' : null}
              {t('cron.time_zone', { zone: job.time_zone })}
            </div>
          ) : null}
        </TableCell>
        <TableCell>
          <NextRun at={job.next_run_at} now={now} />
        </TableCell>
        <TableCell className="max-w-80">
          <LastRun job={job} now={now} />
        </TableCell>
        {canRun ? (
          <TableCell className="text-right">
            <Button
              variant="outline"
              size="sm"
              pending={busy}
              disabled={lastRunning}
              aria-label={t('run_now_named', { job: label })}
              title={lastRunning ? t('status.running') : t('run_now')}
              onClick={() =>
                run.mutate(job.name, {
                  onSuccess: (started) => {
                    toast.success(t('run_started', { job: label }));
                    setWatch(started.id);
                  },
                  onError: (error) => toast.error(problemMessage(error)),
                })
              }
            >
              {busy ? null : <Play aria-hidden />}
              <span className="hidden lg:inline">{t('run_now')}</span>
            </Button>
          </TableCell>
        ) : null}
      </TableRow>
      {expanded ? (
        <TableRow className="hover:bg-transparent">
          <TableCell id={historyId} colSpan={columns} className="bg-muted/30">
            <JobRuns id={historyId} runs={runs} now={now} />
          </TableCell>
        </TableRow>
      ) : null}
    </>
  );
}
