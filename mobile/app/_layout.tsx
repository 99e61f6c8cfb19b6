import { QueryClientProvider } from '@tanstack/react-query';
import { Stack } from 'expo-router';
import { StatusBar } from 'expo-status-bar';
import { useState } from 'react';

import '@/i18n';
import { createQueryClient, followDeviceState } from '@/lib/query-client';

followDeviceState();

/** The root of every screen: server state (TanStack Query) and the words (i18next, loaded by the import). */
export default function RootLayout() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <Stack />
      <StatusBar style="auto" />
    </QueryClientProvider>
  );
}
