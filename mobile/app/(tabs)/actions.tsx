import { ActionsScreen } from '@/field/actions-screen';
import { Message } from '@/field/ui';
import { AppSyncProvider } from '@/sync/app-sync';

/** My actions, soonest due first. */
export default function Actions() {
  return (
    <AppSyncProvider fallback={<Message>…</Message>}>
      <ActionsScreen />
    </AppSyncProvider>
  );
}
