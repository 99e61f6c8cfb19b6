import { useTranslation } from 'react-i18next';
import { StyleSheet, Text } from 'react-native';

import type { SyncState } from '@/sync/outbox';

const COLORS: Record<SyncState, string> = {
  draft: '#64748b',
  waiting: '#b45309',
  sending: '#1d4ed8',
  sent: '#15803d',
  attention: '#b91c1c',
};

/** Where a queued item stands: draft, waiting, sending, sent, needs attention. */
export function SyncBadge({ state }: { state: SyncState }) {
  const { t } = useTranslation('field');
  return (
    <Text style={[badge.base, { backgroundColor: COLORS[state] }]}>{t(`sync.state.${state}`)}</Text>
  );
}

const badge = StyleSheet.create({
  base: {
    color: 'white',
    alignSelf: 'flex-start',
    borderRadius: 10,
    paddingHorizontal: 8,
    paddingVertical: 2,
    overflow: 'hidden',
    fontSize: 12,
  },
});
