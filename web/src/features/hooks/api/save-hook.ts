import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import type { Hook } from './get-hooks';

export type HookInput = Schemas['HookInput'];

export async function createHook(body: HookInput) {
  return unwrap(await api.POST('/api/v1/hooks', { body }));
}

export async function updateHook(id: string, body: HookInput) {
  return unwrap(await api.PUT('/api/v1/hooks/{id}', { params: { path: { id } }, body }));
}

/** The input that saves `hook` as it is (to change one thing, such as `is_active`). */
export function inputOf(hook: Hook): HookInput {
  return {
    name: hook.name,
    event: hook.event,
    is_active: hook.is_active,
    conditions: hook.conditions ?? null,
    actions: hook.actions,
    priority: hook.priority,
  };
}

/** Creates a hook (`id` absent) or replaces one; checked by the server against its event. */
export function useSaveHook(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: HookInput) => (id ? updateHook(id, input) : createHook(input)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['hooks', 'one', saved.id], saved);
      return queryClient.invalidateQueries({ queryKey: ['hooks', 'list'] });
    },
  });
}
