import { Link } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { FlatList, Pressable, RefreshControl, Text, View } from 'react-native';

import { LoadingScreen } from '@/components/loading-screen';
import { usePullToSync, useStored, useSyncStatus } from '@/sync/context';
import { listIncidents, type MirroredIncident } from '@/sync/mirror';
import { type IncidentItem, listItems, type Problem } from '@/sync/outbox';
import type { Store } from '@/sync/store';

import { SyncBadge } from './sync-badge';
import { Message, styles } from './ui';

type Row =
  | { kind: 'header'; key: string; title: string }
  | { kind: 'local'; key: string; item: IncidentItem }
  | { kind: 'server'; key: string; incident: MirroredIncident };

/** Queued reports first (those the server has not listed back yet), then the server's. */
async function readRows(store: Store) {
  const incidents = await listIncidents(store);
  const known = new Set(incidents.map((incident) => incident.id));
  const local = (await listItems(store)).filter(
    (item): item is IncidentItem =>
      item.kind === 'incident' &&
      !(item.state === 'sent' && item.result && known.has(item.result.id)),
  );
  return { local: local.reverse(), incidents };
}

/** The server's words for a refusal: its detail, and each field's message if it named any. */
export function problemText(problem: Problem) {
  const fields = problem.errors?.map((error) => error.message).filter(Boolean) ?? [];
  return fields.length ? `${problem.detail} (${fields.join('; ')})` : problem.detail;
}

/** "My incidents": what waits on the device above what the server has. Pull to refresh. */
export function IncidentsScreen() {
  const { t } = useTranslation(['field', 'hse', 'translation']);
  const status = useSyncStatus();
  const rows = useStored(readRows);
  const { refreshing, refresh } = usePullToSync();

  if (rows.status === 'loading') return <LoadingScreen />;
  if (rows.status === 'error') return <Message>{t('incidents.error')}</Message>;
  const data: Row[] = [];
  if (rows.data.local.length) {
    data.push({ kind: 'header', key: 'h-local', title: t('incidents.on_device') });
    for (const item of rows.data.local) data.push({ kind: 'local', key: item.id, item });
  }
  if (rows.data.incidents.length) {
    data.push({ kind: 'header', key: 'h-server', title: t('incidents.from_server') });
    for (const incident of rows.data.incidents) {
      data.push({ kind: 'server', key: incident.id, incident });
    }
  }

  return (
    <FlatList
      data={data}
      keyExtractor={(row) => row.key}
      contentContainerStyle={styles.screen}
      refreshControl={<RefreshControl refreshing={refreshing} onRefresh={refresh} />}
      ListHeaderComponent={
        status.sessionNeeded ? (
          <Text style={styles.error}>{t('sync.session')}</Text>
        ) : status.lastError ? (
          <Text style={styles.muted}>{t('sync.failed')}</Text>
        ) : null
      }
      ListEmptyComponent={<Message>{t('incidents.empty')}</Message>}
      renderItem={({ item: row }) => {
        if (row.kind === 'header') return <Text style={styles.label}>{row.title}</Text>;
        if (row.kind === 'local') {
          return (
            <Link href={{ pathname: '/incidents/[id]', params: { id: row.item.id } }} asChild>
              <Pressable accessibilityRole="link" style={styles.card}>
                <SyncBadge state={row.item.state} />
                <Text style={styles.title}>{row.item.payload.title}</Text>
                {row.item.problem ? (
                  <Text style={styles.error}>
                    {t('sync.problem', { detail: problemText(row.item.problem) })}
                  </Text>
                ) : null}
              </Pressable>
            </Link>
          );
        }
        const { incident } = row;
        return (
          <Link href={{ pathname: '/incidents/[id]', params: { id: incident.id } }} asChild>
            <Pressable accessibilityRole="link" style={styles.card}>
              <View style={styles.row}>
                <Text style={styles.muted}>{incident.number}</Text>
                <Text style={styles.chip}>{t(`hse:status.${incident.status}`)}</Text>
                <Text style={styles.chip}>{t(`hse:severity.${incident.severity}`)}</Text>
              </View>
              <Text style={styles.title}>{incident.title}</Text>
            </Pressable>
          </Link>
        );
      }}
    />
  );
}
