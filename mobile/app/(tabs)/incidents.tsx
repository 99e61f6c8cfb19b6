import { IncidentsScreen } from '@/field/incidents-screen';
import { Message } from '@/field/ui';
import { AppSyncProvider } from '@/sync/app-sync';

/** My incidents: queued reports, then the server's list. */
export default function Incidents() {
  return (
    <AppSyncProvider fallback={<Message>…</Message>}>
      <IncidentsScreen />
    </AppSyncProvider>
  );
}
