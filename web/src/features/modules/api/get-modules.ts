import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Module = Schemas['ModuleOut'];
export type RecordType = Schemas['RecordType'];
export type FieldDef = Schemas['FieldDef'];
export type Label = Schemas['Label'];

export const modulesQueryOptions = () =>
  queryOptions({
    queryKey: ['modules', 'list'],
    queryFn: async () => unwrap(await api.GET('/api/v1/modules')),
  });

/** Every module the company may turn on (built in, then packages), with its state here. */
export function useModules() {
  return useQuery(modulesQueryOptions());
}
