import { useRouter } from 'expo-router';
import { useTranslation } from 'react-i18next';
import {
  ActivityIndicator,
  FlatList,
  Pressable,
  RefreshControl,
  StyleSheet,
  Text,
  View,
} from 'react-native';

import { ErrorBanner } from '@/components/banner';
import { Button } from '@/components/button';
import { colors, spacing } from '@/components/theme';
import { problemMessage } from '@/lib/problem-message';
import { notificationRoute } from '@/navigation/notification-route';

import {
  type Notification,
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useUnreadCount,
} from './api';

/** The notification inbox: newest first, pull to refresh, unread ones stand out. */
export function InboxScreen() {
  const { t } = useTranslation();
  const router = useRouter();
  const list = useNotifications();
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();

  const open = (n: Notification) => {
    if (!n.read_at) markRead.mutate(n.id);
    const route = notificationRoute(n);
    if (route) router.push(route);
  };

  if (list.isPending) {
    return (
      <View style={styles.centred}>
        <ActivityIndicator accessibilityLabel={t('common.loading')} />
      </View>
    );
  }
  if (list.isError) {
    return (
      <View style={[styles.centred, styles.gap]}>
        <Text style={styles.heading}>{t('inbox.error')}</Text>
        <ErrorBanner message={problemMessage(list.error)} />
        <Button label={t('common.retry')} onPress={() => void list.refetch()} />
      </View>
    );
  }

  const items = list.data.pages.flatMap((page) => page.items);
  return (
    <FlatList
      style={styles.list}
      data={items}
      keyExtractor={(n) => n.id}
      renderItem={({ item }) => <Row notification={item} onOpen={open} />}
      refreshControl={
        <RefreshControl
          refreshing={list.isRefetching && !list.isFetchingNextPage}
          onRefresh={() => void list.refetch()}
        />
      }
      onEndReachedThreshold={0.5}
      onEndReached={() => {
        if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
      }}
      ListHeaderComponent={
        (unread.data ?? 0) > 0 ? (
          <View style={styles.header}>
            <Button
              variant="link"
              label={t('inbox.mark_all_read')}
              pending={markAllRead.isPending}
              onPress={() => markAllRead.mutate()}
            />
          </View>
        ) : null
      }
      ListEmptyComponent={<Text style={styles.empty}>{t('inbox.empty')}</Text>}
      ListFooterComponent={
        list.hasNextPage ? (
          <View style={styles.footer}>
            <Button
              variant="secondary"
              label={t('inbox.load_more')}
              pending={list.isFetchingNextPage}
              onPress={() => void list.fetchNextPage()}
            />
          </View>
        ) : null
      }
    />
  );
}

function Row({
  notification: n,
  onOpen,
}: {
  notification: Notification;
  onOpen: (n: Notification) => void;
}) {
  const { t, i18n } = useTranslation();
  const unread = !n.read_at;
  const when = new Date(n.created_at).toLocaleString(i18n.language, {
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={unread ? `${t('inbox.unread')}: ${n.title}` : n.title}
      accessibilityHint={n.message}
      onPress={() => onOpen(n)}
      style={({ pressed }) => [
        styles.row,
        unread ? styles.unread : null,
        pressed && styles.pressed,
      ]}
      testID={`notification-${n.id}`}
    >
      <View style={[styles.dot, unread ? styles.dotUnread : null]} />
      <View style={styles.body}>
        <Text style={[styles.title, unread ? styles.titleUnread : null]} numberOfLines={2}>
          {n.title}
        </Text>
        <Text style={styles.message} numberOfLines={3}>
          {n.message}
        </Text>
        <Text style={styles.when}>{when}</Text>
      </View>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  list: { flex: 1, backgroundColor: colors.background },
  centred: { flex: 1, alignItems: 'center', justifyContent: 'center', padding: spacing.lg },
  gap: { gap: spacing.md },
  heading: { fontSize: 17, fontWeight: '600', color: colors.text },
  header: { paddingHorizontal: spacing.md, alignItems: 'flex-end' },
  footer: { padding: spacing.md },
  empty: { padding: spacing.lg, textAlign: 'center', color: colors.muted, fontSize: 15 },
  row: {
    flexDirection: 'row',
    gap: spacing.md,
    paddingVertical: spacing.md,
    paddingHorizontal: spacing.md,
    borderBottomWidth: StyleSheet.hairlineWidth,
    borderBottomColor: colors.border,
  },
  unread: { backgroundColor: colors.unread },
  pressed: { opacity: 0.7 },
  dot: { width: 10, height: 10, borderRadius: 5, marginTop: 6 },
  dotUnread: { backgroundColor: colors.primary },
  body: { flex: 1, gap: 2 },
  title: { fontSize: 15, color: colors.text },
  titleUnread: { fontWeight: '700' },
  message: { fontSize: 14, color: colors.muted },
  when: { fontSize: 12, color: colors.muted },
});
