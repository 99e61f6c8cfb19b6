import NetInfo from '@react-native-community/netinfo';
import { focusManager, onlineManager, QueryClient } from '@tanstack/react-query';
import { AppState, Platform } from 'react-native';

import { ApiProblem } from '@/api/problem';

/** 4xx answers do not get better by asking again; network blips and 5xx might. */
function shouldRetry(failureCount: number, error: unknown) {
  if (error instanceof ApiProblem && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}

/**
 * Tells TanStack Query what a browser would: whether the device is online (NetInfo;
 * queries pause offline and resume on reconnection) and whether the app is in the
 * foreground (refetch on return). Once, at start.
 */
export function followDeviceState() {
  onlineManager.setEventListener((setOnline) =>
    NetInfo.addEventListener((state) => setOnline(state.isConnected !== false)),
  );
  if (Platform.OS !== 'web') {
    focusManager.setEventListener((setFocused) => {
      const subscription = AppState.addEventListener('change', (status) =>
        setFocused(status === 'active'),
      );
      return () => subscription.remove();
    });
  }
}
