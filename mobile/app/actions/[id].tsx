import { useLocalSearchParams } from 'expo-router';

import { ActionDetail } from '@/field/action-detail';
import { Message } from '@/field/ui';
import { AppSyncProvider } from '@/sync/app-sync';

/** One action, with "mark done". */
export default function ActionRoute() {
  const { id } = useLocalSearchParams<{ id: string }>();
  return (
    <AppSyncProvider fallback={<Message>…</Message>}>
      <ActionDetail id={id} />
    </AppSyncProvider>
  );
}
