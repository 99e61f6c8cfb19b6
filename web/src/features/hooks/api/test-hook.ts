import { useMutation } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type HookTestResult = Schemas['TestOut'];

/** What each action would render, as the dry run answers it. */
export type PlannedAction = {
  at?: string;
  type?: string;
  title?: string;
  message?: string;
  link?: string | null;
  category?: string;
  priority?: number;
  recipients?: number;
  template?: string;
  endpoint_id?: string;
  /** `create_task`: the task's name, and its params (dry run). */
  task?: string;
  params?: Record<string, unknown>;
  error?: string;
  produced?: PlannedAction[];
};

export async function testHook(id: string, context: Record<string, unknown> | null) {
  const body = (context ? { context } : {}) as Schemas['TestIn'];
  return unwrap(await api.POST('/api/v1/hooks/{id}/test', { params: { path: { id } }, body }));
}

/** Tries the saved hook on a context (its event's sample when `null`): no side effect. */
export function useTestHook(id: string) {
  return useMutation({
    mutationFn: (context: Record<string, unknown> | null) => testHook(id, context),
  });
}
