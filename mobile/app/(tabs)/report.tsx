import { useLocalSearchParams } from 'expo-router';

import { LoadingScreen } from '@/components/loading-screen';
import { ReportScreen } from '@/field/report-screen';
import { AppSyncProvider } from '@/sync/app-sync';

/** Report an incident (`?draft=<id>` reopens a draft or a refused report). */
export default function Report() {
  const { draft } = useLocalSearchParams<{ draft?: string }>();
  return (
    <AppSyncProvider fallback={<LoadingScreen />}>
      <ReportScreen key={draft ?? 'new'} draftId={draft} />
    </AppSyncProvider>
  );
}
