import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { trustedDevicesQueryOptions } from './get-trusted-devices';

/** The device will be asked for the second factor again. */
export async function revokeTrustedDevice(id: string) {
  unwrap(await api.DELETE('/api/v1/auth/trusted-devices/{id}', { params: { path: { id } } }));
}

export function useRevokeTrustedDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeTrustedDevice,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: trustedDevicesQueryOptions().queryKey }),
  });
}
