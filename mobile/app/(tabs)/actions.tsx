import { LoadingScreen } from '@/components/loading-screen';
import { ActionsScreen } from '@/field/actions-screen';
import { AppSyncProvider } from '@/sync/app-sync';

/** My actions, soonest due first. */
export default function Actions() {
  return (
    <AppSyncProvider fallback={<LoadingScreen />}>
      <ActionsScreen />
    </AppSyncProvider>
  );
}
