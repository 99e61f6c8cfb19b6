import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type TrustedDevice = Schemas['TrustedDeviceOut'];

export const trustedDevicesQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'trusted-devices'],
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/trusted-devices')).items,
  });

export function useTrustedDevices() {
  return useQuery(trustedDevicesQueryOptions());
}
