import { useLocalSearchParams } from 'expo-router';

import { LoadingScreen } from '@/components/loading-screen';
import { ActionDetail } from '@/field/action-detail';
import { AppSyncProvider } from '@/sync/app-sync';

/** One action, with "mark done". */
export default function ActionRoute() {
  const { id } = useLocalSearchParams<{ id: string }>();
  return (
    <AppSyncProvider fallback={<LoadingScreen />}>
      <ActionDetail id={id} />
    </AppSyncProvider>
  );
}
