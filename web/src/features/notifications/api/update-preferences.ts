import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { CATEGORIES } from '../filters';
import { parseTime } from '../lib/time';
import { preferencesQueryOptions } from './get-preferences';

export const CHANNELS = [
  'in_app',
  'email',
  'sms',
  'push',
] as const satisfies readonly Schemas['Channel'][];
/** The one category nobody can mute. */
export const UNMUTABLE: Schemas['Category'] = 'security';

/** A time as typed (`22h00`, `8:30`), sent as `HH:MM`. */
const time = z
  .string()
  .refine((text) => parseTime(text) !== null, 'errors.field.invalid_time')
  .transform((text) => parseTime(text) ?? text);

/** The API's rules for `Preferences` (`Preferences::validated`), checked before sending. */
export const preferencesSchema = z
  .object({
    enabled_channels: z.array(z.enum(CHANNELS)),
    dnd_enabled: z.boolean(),
    dnd_start_time: time,
    dnd_end_time: time,
    min_priority: z.number().int().min(0, 'errors.field.range').max(3, 'errors.field.range'),
    muted_categories: z
      .array(z.enum(CATEGORIES))
      .refine((muted) => !muted.includes(UNMUTABLE), 'errors.field.not_mutable'),
    digest_enabled: z.boolean(),
    digest_frequency: z.enum(['daily', 'weekly']),
  })
  .refine((value) => value.dnd_start_time !== value.dnd_end_time, {
    path: ['dnd_end_time'],
    message: 'errors.field.empty_window',
  });
export type PreferencesInput = z.infer<typeof preferencesSchema>;

export async function updatePreferences(body: Schemas['Preferences']) {
  return unwrap(await api.PUT('/api/v1/notifications/preferences', { body }));
}

/** Replaces your preferences; the form shows what the server kept (times made canonical). */
export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePreferences,
    onSuccess: (saved) => queryClient.setQueryData(preferencesQueryOptions().queryKey, saved),
  });
}
