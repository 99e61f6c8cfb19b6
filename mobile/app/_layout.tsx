import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { Stack } from 'expo-router';
import { StatusBar } from 'expo-status-bar';
import { useEffect, useState } from 'react';
import { SafeAreaProvider } from 'react-native-safe-area-context';

import { useSession } from '@/auth';
import { bootSession } from '@/auth/boot';
import '@/i18n';
import { createQueryClient, followDeviceState } from '@/lib/query-client';
import { usePushNotifications } from '@/push/use-push-notifications';

followDeviceState();

/** Another user's server state must not show: forget cached queries when the session ends. */
function useForgetQueriesOnSignOut() {
  const queryClient = useQueryClient();
  const { status } = useSession();
  useEffect(() => {
    if (status === 'signed-out') queryClient.removeQueries();
  }, [status, queryClient]);
}

function Navigation() {
  useForgetQueriesOnSignOut();
  usePushNotifications();
  return <Stack screenOptions={{ headerShown: false }} />;
}

/**
 * The root of every screen: server state (TanStack Query), the words (i18next, loaded by
 * the import), the session (read from the device at start). `index` sends the user to
 * sign-in or to the tabs; each group's layout keeps out those who do not belong.
 */
export default function RootLayout() {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => {
    void bootSession();
  }, []);
  return (
    <SafeAreaProvider>
      <QueryClientProvider client={queryClient}>
        <Navigation />
        <StatusBar style="auto" />
      </QueryClientProvider>
    </SafeAreaProvider>
  );
}
