import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { applyUserPreferences, meQueryOptions } from '@/lib/auth/me';

export const profileSchema = z.object({
  full_name: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.too_long'),
  locale: z.enum(['fr', 'en']),
  time_zone: z.string().min(1, 'errors.field.required'),
});
export type ProfileInput = z.infer<typeof profileSchema>;

export async function updateProfile(patch: Schemas['ProfilePatch']) {
  return unwrap(await api.PATCH('/api/v1/me', { body: patch }));
}

/** Saves the profile; the UI switches to the new language and time zone at once. */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: async (user) => {
      const me = queryClient.getQueryData(meQueryOptions().queryKey);
      if (me) {
        const next = { ...me, user, locale: user.locale };
        queryClient.setQueryData(meQueryOptions().queryKey, next);
        await applyUserPreferences(next);
      }
      // Menu labels and other server texts may follow the language.
      await queryClient.invalidateQueries();
    },
  });
}
