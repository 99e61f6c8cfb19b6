import type { Schemas } from '@/lib/api/client';
import { ApiProblem } from '@/lib/api/problem';

export type TaskState = Schemas['TaskState'];

/** Whether the task has stopped for good (done, failed, cancelled): nothing more to poll for. */
export const isSettled = (task: TaskState) =>
  task.status === 'done' || task.status === 'failed' || task.status === 'cancelled';

/** What the watcher knows of one task: its last state, or why it stopped asking. */
export type WatchedTask = { task?: TaskState; lost?: unknown };

/** What the one who started a task wants told: once, when it settles or is lost. */
export type TaskHandlers = {
  onSettled?: (task: TaskState) => void;
  /** Asking failed for good (a 4xx, or too many failures in a row). */
  onLost?: (error: unknown) => void;
};

export type TaskWatcherOptions = {
  /** The first polls, this far apart (ms). */
  firstDelay?: number;
  /** How many polls keep `firstDelay` before the delay grows. */
  steadyPolls?: number;
  /** Each later delay is the one before times this… */
  factor?: number;
  /** …up to this (ms). */
  maxDelay?: number;
  /** Failed polls in a row (network, 5xx) before the task is given up as lost. */
  maxFailures?: number;
};

const DEFAULTS: Required<TaskWatcherOptions> = {
  firstDelay: 1000,
  steadyPolls: 5,
  factor: 1.5,
  maxDelay: 15_000,
  maxFailures: 5,
};

type Entry = {
  /** What `get` answers: replaced, never changed, so React sees each change. */
  view: WatchedTask;
  handlers: TaskHandlers;
  polls: number;
  failures: number;
  timer?: ReturnType<typeof setTimeout>;
};

/**
 * Follows server tasks (`GET /api/v1/tasks/{id}`) until they are done, failed or
 * cancelled, whoever started them and wherever the user has gone since: the delay between
 * polls stays at `firstDelay` for a few polls (someone may be watching a progress bar),
 * then grows.
 * Each task's handlers run once, when it settles or is lost. One per signed-in layout;
 * `stop()` when it goes (sign-out).
 */
export class TaskWatcher {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private readonly options: Required<TaskWatcherOptions>;

  constructor(
    private readonly fetchTask: (id: string) => Promise<TaskState>,
    options: TaskWatcherOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /**
   * Follows task `id` (its state as the server first gave it in `initial`, when known),
   * telling `handlers` when it ends. Watching a task again replaces its handlers, and
   * starts asking again when it was lost.
   */
  watch(id: string, handlers: TaskHandlers = {}, initial?: TaskState) {
    const known = this.entries.get(id);
    if (known && known.view.lost === undefined) {
      known.handlers = handlers;
      return;
    }
    if (known?.timer !== undefined) clearTimeout(known.timer);
    const task = initial ?? known?.view.task;
    const entry: Entry = { view: { task }, handlers, polls: 0, failures: 0 };
    this.entries.set(id, entry);
    this.emit();
    if (task && isSettled(task)) entry.handlers.onSettled?.(task);
    else this.schedule(id, entry);
  }

  /** The last state of task `id`, or why it was given up; `undefined` when not watched. */
  get(id: string): WatchedTask | undefined {
    return this.entries.get(id)?.view;
  }

  /** For `useSyncExternalStore`: `listener` runs after every change. */
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Stops every poll and forgets every task; nothing more is told. */
  stop() {
    for (const entry of this.entries.values()) {
      if (entry.timer !== undefined) clearTimeout(entry.timer);
    }
    this.entries.clear();
  }

  /** The delay before poll number `polls` (0-based). */
  delay(polls: number) {
    const { firstDelay, steadyPolls, factor, maxDelay } = this.options;
    const grown = firstDelay * factor ** Math.max(0, polls - steadyPolls + 1);
    return Math.min(maxDelay, polls < steadyPolls ? firstDelay : grown);
  }

  private schedule(id: string, entry: Entry) {
    entry.timer = setTimeout(() => void this.poll(id, entry), this.delay(entry.polls));
  }

  private async poll(id: string, entry: Entry) {
    entry.timer = undefined;
    entry.polls += 1;
    try {
      const task = await this.fetchTask(id);
      if (this.entries.get(id) !== entry) return;
      entry.failures = 0;
      entry.view = { task };
      this.emit();
      if (isSettled(task)) entry.handlers.onSettled?.(task);
      else this.schedule(id, entry);
    } catch (error) {
      if (this.entries.get(id) !== entry) return;
      entry.failures += 1;
      const hopeless = error instanceof ApiProblem && error.status >= 400 && error.status < 500;
      if (hopeless || entry.failures >= this.options.maxFailures) {
        entry.view = { ...entry.view, lost: error };
        this.emit();
        entry.handlers.onLost?.(error);
      } else {
        this.schedule(id, entry);
      }
    }
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}
