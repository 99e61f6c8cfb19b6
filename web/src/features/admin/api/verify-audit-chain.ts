import { useMutation } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type ChainStatus = Schemas['ChainStatus'];

/** Checks the company's audit chain on the server (every hash and link; can take a while). */
export function useVerifyAuditChain() {
  return useMutation({
    mutationFn: async () => unwrap(await api.GET('/api/v1/audit/verify')),
  });
}
