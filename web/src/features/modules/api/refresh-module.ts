import type { QueryClient } from '@tanstack/react-query';

import { permissionsQueryOptions } from '@/lib/auth/permissions';
import { reloadServerCatalogue } from '@/lib/i18n/server-catalogue';

import { modulesQueryOptions } from './get-modules';

/**
 * After a module changed (switched, upgraded, uninstalled), what it brings is asked
 * again: the modules list (other modules' `required_by` too), its record screens, the
 * menu, the permissions of the system roles and the words of the catalogue.
 */
export function refreshAfterModuleChange(queryClient: QueryClient, code: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: modulesQueryOptions().queryKey }),
    // Its record screens: definitions and lists drawn again (or told it is gone).
    queryClient.invalidateQueries({ queryKey: ['records', code] }),
    queryClient.invalidateQueries({ queryKey: ['menu'] }),
    queryClient.invalidateQueries({ queryKey: permissionsQueryOptions().queryKey }),
    reloadServerCatalogue(),
  ]);
}
