import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { type Module, modulesQueryOptions } from './get-modules';
import { refreshAfterModuleChange } from './refresh-module';

export async function switchModule(code: string, on: boolean) {
  const params = { params: { path: { code } } };
  return unwrap(
    on
      ? await api.POST('/api/v1/modules/{code}/enable', params)
      : await api.POST('/api/v1/modules/{code}/disable', params),
  );
}

/**
 * Turns a module on or off for the company. What it brings comes or goes with it
 * (`refreshAfterModuleChange`); its card shows the new state at once.
 */
export function useSwitchModule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, on }: { code: string; on: boolean }) => switchModule(code, on),
    onSuccess: async (saved: Module) => {
      queryClient.setQueryData(modulesQueryOptions().queryKey, (list) =>
        list?.map((item) => (item.code === saved.code ? saved : item)),
      );
      await refreshAfterModuleChange(queryClient, saved.code);
    },
  });
}
