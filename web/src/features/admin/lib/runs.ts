import type { Schemas } from '@/lib/api/client';

export type Run = Schemas['RunOut'];

/**
 * The server gives up on a run that has not ended an hour after it started (a crashed
 * process): another one may then start. Such a run still says `running`.
 */
export const GIVEN_UP_AFTER_MS = 60 * 60 * 1000;

export type RunState = 'running' | 'succeeded' | 'failed' | 'given_up';

/** The run's status as an operator reads it: a `running` run past the hour is given up. */
export function runState(run: Pick<Run, 'status' | 'started_at'>, now = Date.now()): RunState {
  if (run.status !== 'running') return run.status;
  return now - new Date(run.started_at).getTime() > GIVEN_UP_AFTER_MS ? 'given_up' : 'running';
}

/** Whether the UI should keep asking about this run. */
export const isLive = (run: Pick<Run, 'status' | 'started_at'>, now = Date.now()) =>
  runState(run, now) === 'running';

/** How long the run took, or has taken so far while it runs; null for a given-up run. */
export function runDurationMs(
  run: Pick<Run, 'status' | 'started_at' | 'finished_at'>,
  now = Date.now(),
): number | null {
  const start = new Date(run.started_at).getTime();
  if (run.finished_at) return Math.max(0, new Date(run.finished_at).getTime() - start);
  return isLive(run, now) ? Math.max(0, now - start) : null;
}

const NBSP = '\u00a0';

/** "350 ms", "4.2 s", "42 s", "3 min 05 s", "1 h 05 min", in the locale's digits. */
export function formatDuration(ms: number, locale: string): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}${NBSP}ms`;
  if (ms < 9_950) {
    const seconds = new Intl.NumberFormat(locale, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format(ms / 1000);
    return `${seconds}${NBSP}s`;
  }
  const total = Math.round(ms / 1000);
  const pad = (value: number) => String(value).padStart(2, '0');
  if (total < 60) return `${total}${NBSP}s`;
  if (total < 3600) {
    const seconds = total % 60;
    const minutes = `${Math.floor(total / 60)}${NBSP}min`;
    return seconds ? `${minutes} ${pad(seconds)}${NBSP}s` : minutes;
  }
  const minutes = Math.floor((total % 3600) / 60);
  const hours = `${Math.floor(total / 3600)}${NBSP}h`;
  return minutes ? `${hours} ${pad(minutes)}${NBSP}min` : hours;
}
