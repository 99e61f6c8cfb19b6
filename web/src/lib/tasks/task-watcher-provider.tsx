import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type * as React from 'react';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { TaskWatcher, type TaskWatcherOptions, type WatchedTask } from './task-watcher';

const fetchTask = async (id: string) =>
  unwrap(await api.GET('/api/v1/tasks/{id}', { params: { path: { id } } }));

const TaskWatcherContext = createContext<TaskWatcher | null>(null);

/**
 * The signed-in layout's one task watcher: a task started on a page (an export) is
 * followed until it ends, whatever page the user has gone to. It stops at sign-out.
 */
export function TaskWatcherProvider({
  options,
  children,
}: {
  options?: TaskWatcherOptions;
  children: React.ReactNode;
}) {
  const [watcher] = useState(() => new TaskWatcher(fetchTask, options));
  useEffect(() => () => watcher.stop(), [watcher]);
  return <TaskWatcherContext value={watcher}>{children}</TaskWatcherContext>;
}

/** The layout's task watcher (`watch(id, handlers, initial)`). */
export function useTaskWatcher() {
  const watcher = useContext(TaskWatcherContext);
  if (!watcher) throw new Error('useTaskWatcher needs a <TaskWatcherProvider> above it');
  return watcher;
}

/** Task `id` as the watcher last saw it; `undefined` while `id` is null or not watched. */
export function useWatchedTask(id: string | null): WatchedTask | undefined {
  const watcher = useTaskWatcher();
  return useSyncExternalStore(watcher.subscribe, () => (id ? watcher.get(id) : undefined));
}
