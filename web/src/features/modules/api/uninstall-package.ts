import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { exportsQueryOptions } from './get-exports';
import { refreshAfterModuleChange } from './refresh-module';

export async function uninstallPackage(code: string) {
  return unwrap(
    await api.DELETE('/api/v1/modules/packages/{code}', { params: { path: { code } } }),
  );
}

/**
 * Uninstalls a package from the platform (its records exported first); its card goes,
 * and its export joins the list.
 */
export function useUninstallPackage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uninstallPackage,
    onSuccess: (out) =>
      Promise.all([
        refreshAfterModuleChange(queryClient, out.code),
        queryClient.invalidateQueries({ queryKey: exportsQueryOptions().queryKey }),
      ]),
  });
}
