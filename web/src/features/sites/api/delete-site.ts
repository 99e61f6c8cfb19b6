import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { SITES_KEY } from '@/lib/api/sites';

export async function deleteSite(id: string) {
  unwrap(await api.DELETE('/api/v1/sites/{id}', { params: { path: { id } } }));
}

/** Deletes a site (soft: records that name it keep it). */
export function useDeleteSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSite,
    onSettled: () => queryClient.invalidateQueries({ queryKey: SITES_KEY }),
  });
}
