import type { InfiniteData, QueryClient } from '@tanstack/react-query';

import { TASKS_KEY } from '../api/io-client';
import type { TaskProgress } from '../api/types';

/** The notification stream's `task` event: progress while it runs, only the id once settled. */
export type TaskEvent = { id: string; progress?: TaskProgress };

type Progressing = { id: string; status: string; progress?: TaskProgress | null };
type Page = { items: Progressing[] };

/** The task with its new progress; a queued one is running once it tells progress. */
const moved = <T extends Progressing>(task: T, progress: TaskProgress): T => ({
  ...task,
  status: task.status === 'queued' ? 'running' : task.status,
  progress,
});

/**
 * Applies a `task` event to the cached task and task list: progress is written in place
 * (the bar moves at once), a settled try makes both be read again.
 */
export function applyTaskEvent(queryClient: QueryClient, event: TaskEvent) {
  const one = [...TASKS_KEY, 'one', event.id];
  const { progress } = event;
  if (!progress) {
    void queryClient.invalidateQueries({ queryKey: one });
    void queryClient.invalidateQueries({ queryKey: [...TASKS_KEY, 'list'] });
    return;
  }
  queryClient.setQueryData<Progressing>(one, (task) => task && moved(task, progress));
  queryClient.setQueryData<InfiniteData<Page>>([...TASKS_KEY, 'list'], (list) =>
    list
      ? {
          ...list,
          pages: list.pages.map((page) => ({
            ...page,
            items: page.items.map((task) => (task.id === event.id ? moved(task, progress) : task)),
          })),
        }
      : list,
  );
}
