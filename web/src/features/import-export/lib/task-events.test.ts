import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';

import { TASKS_KEY } from '../api/io-client';
import type { TaskState } from '../api/types';
import { COMMIT_TASK, EXPORT_TASK, task } from '../testing/fixtures';
import { applyTaskEvent } from './task-events';

const ONE = [...TASKS_KEY, 'one', COMMIT_TASK];
const LIST = [...TASKS_KEY, 'list'];

function cached() {
  const client = new QueryClient();
  const importing = task({ id: COMMIT_TASK, status: 'queued', progress: null });
  const exporting = task({ id: EXPORT_TASK, status: 'running' });
  client.setQueryData(ONE, importing);
  client.setQueryData<InfiniteData<{ items: TaskState[] }>>(LIST, {
    pages: [{ items: [importing, exporting] }],
    pageParams: [undefined],
  });
  return client;
}

describe('applyTaskEvent', () => {
  it('writes progress into the cached task and its row of the list, running from then on', () => {
    const client = cached();
    applyTaskEvent(client, { id: COMMIT_TASK, progress: { done: 250, total: 600 } });
    expect(client.getQueryData<TaskState>(ONE)).toMatchObject({
      status: 'running',
      progress: { done: 250, total: 600 },
    });
    const list = client.getQueryData<InfiniteData<{ items: TaskState[] }>>(LIST);
    expect(list?.pages[0]?.items.map((t) => [t.id, t.progress])).toEqual([
      [COMMIT_TASK, { done: 250, total: 600 }],
      [EXPORT_TASK, task({ id: EXPORT_TASK }).progress],
    ]);
  });

  it('marks both stale once a try settled, so they are read again', () => {
    const client = cached();
    applyTaskEvent(client, { id: COMMIT_TASK });
    expect(client.getQueryState(ONE)?.isInvalidated).toBe(true);
    expect(client.getQueryState(LIST)?.isInvalidated).toBe(true);
    expect(client.getQueryData<TaskState>(ONE)?.status).toBe('queued');
  });

  it('leaves a task nobody has on screen uncached', () => {
    const client = new QueryClient();
    applyTaskEvent(client, { id: EXPORT_TASK, progress: { done: 1, total: 2 } });
    expect(client.getQueryData([...TASKS_KEY, 'one', EXPORT_TASK])).toBeUndefined();
  });
});
