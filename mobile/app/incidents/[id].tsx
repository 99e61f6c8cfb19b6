import { useLocalSearchParams } from 'expo-router';

import { IncidentDetail } from '@/field/incident-detail';
import { Message } from '@/field/ui';
import { AppSyncProvider } from '@/sync/app-sync';

/** One incident: a queued report (local id) or the server's (its id). */
export default function IncidentRoute() {
  const { id } = useLocalSearchParams<{ id: string }>();
  return (
    <AppSyncProvider fallback={<Message>…</Message>}>
      <IncidentDetail id={id} />
    </AppSyncProvider>
  );
}
