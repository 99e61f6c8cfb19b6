import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { sequencesQueryOptions, type Sequence } from './get-sequences';

export const PERIODS = ['year', 'month', 'none'] as const;
const MAX_VALUE = 999_999_999_999;

/**
 * The API's rules for `SequenceChange`, plus the one it checks against the data:
 * the next value only moves forward in the period numbers are taken in (`last`;
 * after a change of period, the new period has its own count, which the server checks).
 * Messages are i18n keys of the `sequences` namespace.
 */
export function sequenceSchema(sequence: Pick<Sequence, 'last_value' | 'period'>) {
  return z
    .object({
      prefix: z
        .string()
        .trim()
        .regex(/^[A-Z0-9_-]{1,12}$/, 'sequences:errors.prefix'),
      padding: z
        .number('sequences:errors.integer')
        .int('sequences:errors.integer')
        .min(1, 'sequences:errors.padding')
        .max(12, 'sequences:errors.padding'),
      period: z.enum(PERIODS),
      next_value: z
        .number('sequences:errors.integer')
        .int('sequences:errors.integer')
        .min(1, 'sequences:errors.integer')
        .max(MAX_VALUE, 'sequences:errors.next_value_max'),
    })
    .superRefine((value, context) => {
      if (value.period === sequence.period && value.next_value <= sequence.last_value) {
        context.addIssue({
          code: 'custom',
          path: ['next_value'],
          message: 'sequences:errors.next_value_min',
        });
      }
    });
}
export type SequenceInput = z.infer<ReturnType<typeof sequenceSchema>>;

/** Only what changed: a field left out stays as it is on the server. */
export function sequenceChange(
  sequence: Sequence,
  input: SequenceInput,
): Schemas['SequenceChange'] {
  const change: Schemas['SequenceChange'] = {};
  if (input.prefix !== sequence.prefix) change.prefix = input.prefix;
  if (input.padding !== sequence.padding) change.padding = input.padding;
  if (input.period !== sequence.period) change.period = input.period;
  if (input.next_value !== sequence.next_value || input.period !== sequence.period)
    change.next_value = input.next_value;
  return change;
}

export async function updateSequence(code: string, body: Schemas['SequenceChange']) {
  return unwrap(await api.PATCH('/api/v1/sequences/{code}', { params: { path: { code } }, body }));
}

/** Changes a sequence's format or moves its next value forward. */
export function useUpdateSequence(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['SequenceChange']) => updateSequence(code, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(sequencesQueryOptions().queryKey, (list) =>
        list?.map((item) => (item.code === saved.code ? saved : item)),
      );
    },
  });
}
