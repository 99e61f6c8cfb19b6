import { Link } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { FlatList, Pressable, RefreshControl, StyleSheet, Text, View } from 'react-native';

import { LoadingScreen } from '@/components/loading-screen';
import { usePullToSync, useStored } from '@/sync/context';
import { listActions, type MirroredAction } from '@/sync/mirror';
import { listItems, type OutboxItem } from '@/sync/outbox';
import type { Store } from '@/sync/store';

import { SyncBadge } from './sync-badge';
import { Message, styles } from './ui';

/** Whether an action is past due and not done (the server's `overdue`, or today's date). */
export function isOverdue(action: MirroredAction, today = new Date().toISOString().slice(0, 10)) {
  const open = action.status === 'open' || action.status === 'in_progress';
  return action.overdue || (open && action.due_date < today);
}

/** The queued "mark done" of an action still on the device, if any. */
export function pendingMove(items: OutboxItem[], actionId: string) {
  return items.findLast(
    (item) =>
      item.kind === 'action_move' && item.payload.actionId === actionId && item.state !== 'sent',
  );
}

async function readActions(store: Store) {
  return { actions: await listActions(store), items: await listItems(store) };
}

/** "My actions": due date first, overdue ones highlighted, a queued completion's badge. */
export function ActionsScreen() {
  const { t, i18n } = useTranslation(['field', 'hse', 'translation']);
  const loaded = useStored(readActions);
  const { refreshing, refresh } = usePullToSync();
  if (loaded.status === 'loading') return <LoadingScreen />;
  if (loaded.status === 'error') return <Message>{t('incidents.error')}</Message>;
  const date = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString(i18n.language);

  return (
    <FlatList
      data={loaded.data.actions}
      keyExtractor={(action) => action.id}
      contentContainerStyle={styles.screen}
      refreshControl={<RefreshControl refreshing={refreshing} onRefresh={refresh} />}
      ListEmptyComponent={<Message>{t('actions.empty')}</Message>}
      renderItem={({ item: action }) => {
        const overdue = isOverdue(action);
        const pending = pendingMove(loaded.data.items, action.id);
        return (
          <Link href={{ pathname: '/actions/[id]', params: { id: action.id } }} asChild>
            <Pressable
              accessibilityRole="link"
              // One style object: Link's `asChild` hands the style to the web's DOM as it is.
              style={StyleSheet.flatten([styles.card, overdue && overdueCard])}
            >
              <View style={styles.row}>
                <Text style={styles.muted}>{action.number}</Text>
                <Text style={styles.chip}>{t(`hse:actions.status.${action.status}`)}</Text>
                {pending ? <SyncBadge state={pending.state} /> : null}
              </View>
              <Text style={styles.title}>{action.title}</Text>
              <Text style={overdue ? styles.error : styles.muted}>
                {t('actions.due', { date: date(action.due_date) })}
                {overdue ? ` · ${t('actions.overdue')}` : ''}
              </Text>
            </Pressable>
          </Link>
        );
      }}
    />
  );
}

const overdueCard = { borderColor: '#b91c1c', backgroundColor: '#fef2f2' };
