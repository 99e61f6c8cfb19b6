import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Schemas } from '@/lib/api/client';
import { postFile, type Upload } from '@/lib/api/upload';

import { modulesQueryOptions } from './get-modules';

/** Sends a module package (a ZIP) with real progress; the server's report on refusal. */
export function installPackage(upload: Upload): Promise<Schemas['ModuleOut']> {
  return postFile('/api/v1/modules/packages', upload);
}

/** Installs a package for the platform; the modules list then shows it (off here). */
export function useInstallPackage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: installPackage,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: modulesQueryOptions().queryKey }),
  });
}
