import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { ACTION_KINDS, ACTIONS_KEY } from '../lib/actions';
import { incidentQueryKey } from './get-incident';

/**
 * The API's rules for `ActionIn`; `today` is the user's day (`YYYY-MM-DD` in their time
 * zone): an action is due today or later.
 */
export function actionSchema(today: string) {
  return z.object({
    kind: z.enum(ACTION_KINDS),
    title: z.string().trim().min(5, 'hse:errors.action_title_min').max(200, 'hse:errors.title_max'),
    description: z.string().trim().max(4000, 'hse:errors.actions_max'),
    owner_id: z.string().min(1, 'hse:errors.owner_required'),
    due_date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'hse:errors.due_required')
      .refine((day) => day >= today, 'hse:errors.due_past'),
  });
}
export type ActionInput = z.input<ReturnType<typeof actionSchema>>;
export type ActionValues = z.output<ReturnType<typeof actionSchema>>;

export const blankAction = (): ActionInput => ({
  kind: 'corrective',
  title: '',
  description: '',
  owner_id: '',
  due_date: '',
});

/** Raises an action on the incident; its owner is told by the server. */
export function useRaiseAction(incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: ActionValues) =>
      unwrap(
        await api.POST('/api/v1/hse/incidents/{id}/actions', {
          params: { path: { id: incidentId } },
          body: { ...values, description: values.description || null },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: incidentQueryKey(incidentId) });
      void queryClient.invalidateQueries({ queryKey: ACTIONS_KEY });
    },
  });
}
