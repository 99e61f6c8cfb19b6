import { useLocalSearchParams } from 'expo-router';

import { LoadingScreen } from '@/components/loading-screen';
import { IncidentDetail } from '@/field/incident-detail';
import { AppSyncProvider } from '@/sync/app-sync';

/** One incident: a queued report (local id) or the server's (its id). */
export default function IncidentRoute() {
  const { id } = useLocalSearchParams<{ id: string }>();
  return (
    <AppSyncProvider fallback={<LoadingScreen />}>
      <IncidentDetail id={id} />
    </AppSyncProvider>
  );
}
