import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiProblem } from '@/lib/api/problem';

import { TaskWatcher, type TaskState } from './task-watcher';

const ID = '0193a7c2-0000-7000-8000-0000000003a1';

const task = (status: string, overrides: Partial<TaskState> = {}): TaskState => ({
  id: ID,
  task: 'hse.export_report',
  status,
  attempts: 0,
  params: {},
  created_at: '2026-11-03T10:00:00Z',
  ...overrides,
});

const notFound = new ApiProblem({
  type: 'about:blank',
  title: 'Not found',
  detail: 'No such task.',
  status: 404,
  code: 'not_found',
});
const unavailable = new ApiProblem({
  type: 'about:blank',
  title: 'Oops',
  detail: 'Try later.',
  status: 503,
  code: 'unavailable',
});

/** A watcher whose server answers `answers` in turn (the last one from then on). */
function watcherAnswering(...answers: (TaskState | Error)[]) {
  const fetchTask = vi.fn((id: string) => {
    expect(id).toBe(ID);
    const next = answers.length > 1 ? answers.shift() : answers[0];
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next as TaskState);
  });
  return { watcher: new TaskWatcher(fetchTask), fetchTask };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('TaskWatcher', () => {
  it('polls every second at first, then less and less often, up to 15 s', () => {
    const { watcher } = watcherAnswering(task('running'));
    const delays = Array.from({ length: 12 }, (_, polls) => watcher.delay(polls));
    expect(delays).toEqual([
      1000, 1000, 1000, 1000, 1000, 1500, 2250, 3375, 5062.5, 7593.75, 11390.625, 15000,
    ]);
  });

  it('follows a task until it is done, then tells once', async () => {
    const done = task('done', { result: { file_id: 'f', file_name: 'x.pdf' } as never });
    const { watcher, fetchTask } = watcherAnswering(task('running'), task('running'), done);
    const onSettled = vi.fn();
    watcher.watch(ID, { onSettled }, task('queued'));
    expect(watcher.get(ID)?.task?.status).toBe('queued');

    await vi.advanceTimersByTimeAsync(1000);
    expect(fetchTask).toHaveBeenCalledTimes(1);
    expect(watcher.get(ID)?.task?.status).toBe('running');
    await vi.advanceTimersByTimeAsync(2000);
    expect(onSettled).toHaveBeenCalledExactlyOnceWith(done);
    expect(watcher.get(ID)?.task).toBe(done);

    // Settled: nothing more is asked.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchTask).toHaveBeenCalledTimes(3);
    expect(onSettled).toHaveBeenCalledTimes(1);
  });

  it('tells a failure with the server’s reason', async () => {
    const failed = task('failed', { error: 'The PDF engine ran out of memory.' });
    const { watcher } = watcherAnswering(failed);
    const onSettled = vi.fn();
    watcher.watch(ID, { onSettled });
    await vi.advanceTimersByTimeAsync(1000);
    expect(onSettled).toHaveBeenCalledExactlyOnceWith(failed);
  });

  it('stops at a task cancelled by its owner', async () => {
    const cancelled = task('cancelled');
    const { watcher, fetchTask } = watcherAnswering(task('running'), cancelled);
    const onSettled = vi.fn();
    watcher.watch(ID, { onSettled });
    await vi.advanceTimersByTimeAsync(2000);
    expect(onSettled).toHaveBeenCalledExactlyOnceWith(cancelled);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchTask).toHaveBeenCalledTimes(2);
  });

  it('backs off on a long task', async () => {
    const { watcher, fetchTask } = watcherAnswering(task('running'));
    watcher.watch(ID);
    // 5 polls a second apart, then 1.5 s, 2.25 s and 3.375 s: 12.125 s for 8 polls.
    await vi.advanceTimersByTimeAsync(12_124);
    expect(fetchTask).toHaveBeenCalledTimes(7);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchTask).toHaveBeenCalledTimes(8);
    watcher.stop();
  });

  it('rides out a few failed polls', async () => {
    const done = task('done');
    const { watcher } = watcherAnswering(new TypeError('offline'), unavailable, done);
    const onSettled = vi.fn();
    const onLost = vi.fn();
    watcher.watch(ID, { onSettled, onLost });
    await vi.advanceTimersByTimeAsync(3000);
    expect(onLost).not.toHaveBeenCalled();
    expect(onSettled).toHaveBeenCalledExactlyOnceWith(done);
  });

  it('gives a task up after five failures in a row, or at once on a 4xx', async () => {
    const { watcher, fetchTask } = watcherAnswering(unavailable);
    const onLost = vi.fn();
    watcher.watch(ID, { onLost });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchTask).toHaveBeenCalledTimes(5);
    expect(onLost).toHaveBeenCalledExactlyOnceWith(unavailable);
    expect(watcher.get(ID)?.lost).toBe(unavailable);

    const gone = watcherAnswering(notFound);
    const lost = vi.fn();
    gone.watcher.watch(ID, { onLost: lost });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(gone.fetchTask).toHaveBeenCalledTimes(1);
    expect(lost).toHaveBeenCalledExactlyOnceWith(notFound);
  });

  it('asks again when a lost task is watched again', async () => {
    const done = task('done');
    const { watcher } = watcherAnswering(notFound, done);
    const onSettled = vi.fn();
    watcher.watch(ID, { onSettled });
    await vi.advanceTimersByTimeAsync(1000);
    expect(watcher.get(ID)?.lost).toBe(notFound);
    watcher.watch(ID, { onSettled });
    expect(watcher.get(ID)?.lost).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    expect(onSettled).toHaveBeenCalledExactlyOnceWith(done);
  });

  it('watching a followed task again only swaps who is told', async () => {
    const { watcher, fetchTask } = watcherAnswering(task('running'), task('done'));
    const first = vi.fn();
    const second = vi.fn();
    watcher.watch(ID, { onSettled: first });
    watcher.watch(ID, { onSettled: second });
    await vi.advanceTimersByTimeAsync(2000);
    expect(fetchTask).toHaveBeenCalledTimes(2);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
  });

  it('tells its listeners of each change, with a new snapshot', async () => {
    const { watcher } = watcherAnswering(task('running'));
    const listener = vi.fn();
    const unsubscribe = watcher.subscribe(listener);
    watcher.watch(ID, {}, task('queued'));
    const before = watcher.get(ID);
    expect(watcher.get(ID)).toBe(before);
    await vi.advanceTimersByTimeAsync(1000);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(watcher.get(ID)).not.toBe(before);
    unsubscribe();
    await vi.advanceTimersByTimeAsync(1000);
    expect(listener).toHaveBeenCalledTimes(2);
    watcher.stop();
  });

  it('stops every poll when the layout goes (sign-out)', async () => {
    const { watcher, fetchTask } = watcherAnswering(task('running'));
    const onSettled = vi.fn();
    watcher.watch(ID, { onSettled });
    await vi.advanceTimersByTimeAsync(1000);
    watcher.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchTask).toHaveBeenCalledTimes(1);
    expect(watcher.get(ID)).toBeUndefined();
  });
});
