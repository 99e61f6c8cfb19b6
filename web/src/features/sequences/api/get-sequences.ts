import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Sequence = Schemas['SequenceOut'];
export type Period = Schemas['Period'];

export const sequencesQueryOptions = () =>
  queryOptions({
    queryKey: ['sequences'],
    queryFn: async () => unwrap(await api.GET('/api/v1/sequences')),
  });

/** The company's sequences, by code, each with the number the next record will get. */
export function useSequences() {
  return useQuery(sequencesQueryOptions());
}
