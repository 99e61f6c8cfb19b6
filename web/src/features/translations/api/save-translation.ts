import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { reloadServerCatalogue } from '@/lib/i18n/server-catalogue';

import type { TranslationKey } from './get-translation-keys';

export type OverrideInput = Schemas['OverrideIn'];

export async function saveTranslation(key: string, body: OverrideInput) {
  return unwrap(await api.PUT('/api/v1/i18n-keys/{key}', { params: { path: { key } }, body }));
}

/**
 * Sets the company's words for a key (`null` in a language: back to the default, and
 * both languages are always sent). The app's own labels follow at once.
 */
export function useSaveTranslation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: OverrideInput }) => saveTranslation(key, body),
    onSuccess: (saved) => {
      queryClient.setQueriesData<TranslationKey[]>({ queryKey: ['translations', 'keys'] }, (keys) =>
        keys?.map((item) => (item.key === saved.key ? saved : item)),
      );
      void queryClient.invalidateQueries({ queryKey: ['translations', 'keys'] });
      return reloadServerCatalogue();
    },
  });
}
