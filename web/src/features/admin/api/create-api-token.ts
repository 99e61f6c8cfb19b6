import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { apiTokensQueryOptions } from './get-api-tokens';

const DAY = 24 * 60 * 60 * 1000;

/** The API's rules for `ApiTokenIn`: a name, at least one grant, an expiry within two years. */
export const apiTokenSchema = z.object({
  name: z.string().trim().min(1, 'errors.field.required').max(100, 'errors.field.too_long'),
  expires_on: z
    .string()
    .min(1, 'errors.field.required')
    .refine((day) => new Date(`${day}T23:59:59`).getTime() > Date.now(), 'admin:errors.in_past')
    .refine(
      (day) => new Date(`${day}T00:00:00`).getTime() < Date.now() + 730 * DAY,
      'admin:errors.too_far',
    ),
  permissions: z
    .record(z.string(), z.enum(['own', 'company', 'all']))
    .refine((grants) => Object.keys(grants).length > 0, 'admin:errors.no_permission'),
});
export type ApiTokenInput = z.infer<typeof apiTokenSchema>;

/** `yyyy-mm-dd` of the day `days` from now (the date input's format). */
export function dayFromNow(days: number) {
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
}

export async function createApiToken(body: Schemas['ApiTokenIn']) {
  return unwrap(await api.POST('/api/v1/api-tokens', { body }));
}

/** Creates a token acting as you; the answer holds its secret, shown this once. */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, expires_on, permissions }: ApiTokenInput) =>
      createApiToken({
        name,
        permissions,
        // The end of the chosen day, in the user's browser time.
        expires_at: new Date(`${expires_on}T23:59:59`).toISOString(),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokensQueryOptions().queryKey }),
  });
}
