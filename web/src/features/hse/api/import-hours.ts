import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { HOURS_KEY, KPIS_KEY } from '../lib/kpis';

/**
 * Sends a CSV file's text as `text/csv`: all lines saved, or none and a 422 naming each
 * wrong line (`lines[3].month`). The hours and the indicators are read again after.
 */
export function useImportHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (csv: string) =>
      unwrap(
        await api.POST('/api/v1/hse/hours/import', {
          body: csv,
          headers: { 'Content-Type': 'text/csv' },
          // The text goes as is, not as a JSON string.
          bodySerializer: (body) => body,
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: HOURS_KEY }),
        queryClient.invalidateQueries({ queryKey: KPIS_KEY }),
      ]),
  });
}
