import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { permissionsQueryOptions } from '@/lib/auth/permissions';
import { reloadServerCatalogue } from '@/lib/i18n/server-catalogue';

import { type Module, modulesQueryOptions } from './get-modules';

export async function switchModule(code: string, on: boolean) {
  const params = { params: { path: { code } } };
  return unwrap(
    on
      ? await api.POST('/api/v1/modules/{code}/enable', params)
      : await api.POST('/api/v1/modules/{code}/disable', params),
  );
}

/**
 * Turns a module on or off for the company. What it brings comes or goes with it: the
 * menu, the permissions of the system roles and the words of the catalogue are asked
 * again, and the other modules' `required_by` may have changed.
 */
export function useSwitchModule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, on }: { code: string; on: boolean }) => switchModule(code, on),
    onSuccess: async (saved: Module) => {
      queryClient.setQueryData(modulesQueryOptions().queryKey, (list) =>
        list?.map((item) => (item.code === saved.code ? saved : item)),
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: modulesQueryOptions().queryKey }),
        // Its record screens: on, they draw; off, they say so.
        queryClient.invalidateQueries({ queryKey: ['records', saved.code] }),
        queryClient.invalidateQueries({ queryKey: ['menu'] }),
        queryClient.invalidateQueries({ queryKey: permissionsQueryOptions().queryKey }),
        reloadServerCatalogue(),
      ]);
    },
  });
}
