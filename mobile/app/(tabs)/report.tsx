import { useLocalSearchParams } from 'expo-router';

import { ReportScreen } from '@/field/report-screen';
import { Message } from '@/field/ui';
import { AppSyncProvider } from '@/sync/app-sync';

/** Report an incident (`?draft=<id>` reopens a draft or a refused report). */
export default function Report() {
  const { draft } = useLocalSearchParams<{ draft?: string }>();
  return (
    <AppSyncProvider fallback={<Message>…</Message>}>
      <ReportScreen key={draft ?? 'new'} draftId={draft} />
    </AppSyncProvider>
  );
}
