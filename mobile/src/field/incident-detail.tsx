import { router } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { ScrollView, Text } from 'react-native';

import { LoadingScreen } from '@/components/loading-screen';
import { useStored, useSync } from '@/sync/context';
import { getIncident } from '@/sync/mirror';
import { discardItem, findItem, retryItem } from '@/sync/outbox';

import { SyncBadge } from './sync-badge';
import { Button, Message, styles } from './ui';

/** One incident: a queued report (its sync state, what to do about it) or the server's copy. */
export function IncidentDetail({ id }: { id: string }) {
  const { t } = useTranslation(['field', 'hse', 'translation']);
  const { store, clock, poke } = useSync();
  const found = useStored(async (s) => ({
    item: await findItem(s, id),
    incident: await getIncident(s, id),
  }));
  if (found.status === 'loading') return <LoadingScreen />;
  if (found.status === 'error') return <Message>{t('incidents.error')}</Message>;
  const { item, incident } = found.data;

  if (item?.kind === 'incident') {
    const editable = item.state === 'draft' || item.state === 'attention';
    return (
      <ScrollView contentContainerStyle={styles.screen}>
        <SyncBadge state={item.state} />
        <Text style={styles.title}>{item.payload.title}</Text>
        <Text>
          {t(`hse:severity.${item.payload.severity}`)} ·{' '}
          {t(`hse:types.${item.payload.incident_type}`)}
        </Text>
        <Text>{item.payload.location}</Text>
        <Text>{item.payload.description}</Text>
        {item.result ? <Text style={styles.muted}>{item.result.number}</Text> : null}
        {item.problem ? (
          <Text style={styles.error}>{t('sync.problem', { detail: item.problem.detail })}</Text>
        ) : null}
        {item.problem?.errors?.map((error) => (
          <Text key={error.field} style={styles.error}>
            {error.field}: {error.message}
          </Text>
        ))}
        {item.state === 'waiting' && item.lastError ? (
          <Text style={styles.muted}>{t('sync.failed')}</Text>
        ) : null}
        {editable ? (
          <>
            <Button
              label={t('sync.edit')}
              onPress={() => router.push({ pathname: '/report', params: { draft: item.id } })}
            />
            <Button
              kind="secondary"
              label={t('sync.retry')}
              onPress={() => void retryItem(store, item.id, clock).then(poke)}
            />
            <Button
              kind="secondary"
              label={t('sync.discard')}
              onPress={() => void discardItem(store, item.id).then(() => router.back())}
            />
          </>
        ) : null}
      </ScrollView>
    );
  }
  if (!incident) return <Message>{t('incidents.not_found')}</Message>;
  return (
    <ScrollView contentContainerStyle={styles.screen}>
      <Text style={styles.muted}>{incident.number}</Text>
      <Text style={styles.title}>{incident.title}</Text>
      <Text>
        {t(`hse:status.${incident.status}`)} · {t(`hse:severity.${incident.severity}`)} ·{' '}
        {t(`hse:types.${incident.incident_type}`)}
      </Text>
      <Text>{incident.location}</Text>
      <Text>{incident.description}</Text>
    </ScrollView>
  );
}
