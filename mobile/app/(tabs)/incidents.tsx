import { LoadingScreen } from '@/components/loading-screen';
import { IncidentsScreen } from '@/field/incidents-screen';
import { AppSyncProvider } from '@/sync/app-sync';

/** My incidents: queued reports, then the server's list. */
export default function Incidents() {
  return (
    <AppSyncProvider fallback={<LoadingScreen />}>
      <IncidentsScreen />
    </AppSyncProvider>
  );
}
