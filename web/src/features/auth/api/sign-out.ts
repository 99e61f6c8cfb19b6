import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';

import { api } from '@/lib/api/client';
import { clearSession } from '@/lib/auth/session';

/** Ends the session on the server (which clears the refresh cookie), then forgets it here. */
export async function signOut() {
  try {
    await api.POST('/api/v1/auth/logout');
  } finally {
    clearSession();
  }
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: signOut,
    onSettled: async () => {
      queryClient.clear();
      await navigate({ to: '/sign-in' });
    },
  });
}
