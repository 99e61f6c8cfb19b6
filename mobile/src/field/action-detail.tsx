import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Image, Pressable, ScrollView, Text, TextInput } from 'react-native';

import { LoadingScreen } from '@/components/loading-screen';
import { capturePhoto } from '@/reports/photos';
import { useStored, useSync } from '@/sync/context';
import { getAction } from '@/sync/mirror';
import { addItem, listItems, type LocalPhoto, retryItem } from '@/sync/outbox';

import { isOverdue, pendingMove } from './actions-screen';
import { SyncBadge } from './sync-badge';
import { Button, Field, Message, styles } from './ui';

/** One action, and "mark done" with an optional note and an evidence photo, queued. */
export function ActionDetail({
  id,
  pickPhoto = capturePhoto,
}: {
  id: string;
  pickPhoto?: (source: 'camera' | 'gallery') => Promise<LocalPhoto | null>;
}) {
  const { t } = useTranslation(['field', 'hse', 'translation']);
  const { store, clock, poke } = useSync();
  const loaded = useStored(async (s) => ({
    action: await getAction(s, id),
    pending: pendingMove(await listItems(s), id),
  }));
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState<LocalPhoto | null>(null);
  const [busy, setBusy] = useState(false);

  if (loaded.status === 'loading') return <LoadingScreen />;
  if (loaded.status === 'error') return <Message>{t('incidents.error')}</Message>;
  const { action, pending } = loaded.data;
  if (!action) return <Message>{t('actions.not_found')}</Message>;
  const open = action.status === 'open' || action.status === 'in_progress';

  const markDone = async () => {
    setBusy(true);
    try {
      await addItem(
        store,
        {
          kind: 'action_move',
          payload: {
            actionId: action.id,
            actionLabel: action.title,
            move: 'complete',
            note: note.trim() || null,
          },
          photos: evidence ? [evidence] : [],
        },
        clock,
      );
      poke();
    } finally {
      setBusy(false);
    }
  };

  return (
    <ScrollView contentContainerStyle={styles.screen}>
      <Text style={styles.muted}>{action.number}</Text>
      <Text style={styles.title}>{action.title}</Text>
      <Text>
        {t(`hse:actions.status.${action.status}`)} · {t(`hse:actions.kinds.${action.kind}`)}
      </Text>
      <Text style={isOverdue(action) ? styles.error : styles.muted}>
        {t('actions.due', { date: action.due_date })}
        {isOverdue(action) ? ` · ${t('actions.overdue')}` : ''}
      </Text>
      {action.description ? <Text>{action.description}</Text> : null}
      {pending ? (
        <>
          <Text style={styles.label}>{t('actions.pending')}</Text>
          <SyncBadge state={pending.state} />
          {pending.problem ? (
            <Text style={styles.error}>
              {t('sync.problem', { detail: pending.problem.detail })}
            </Text>
          ) : null}
          {pending.state === 'attention' ? (
            <Button
              kind="secondary"
              label={t('sync.retry')}
              onPress={() => void retryItem(store, pending.id, clock).then(poke)}
            />
          ) : null}
        </>
      ) : open ? (
        <>
          <Field label={t('actions.note')}>
            <TextInput
              accessibilityLabel={t('actions.note')}
              style={[styles.input, { minHeight: 80 }]}
              multiline
              maxLength={2000}
              value={note}
              onChangeText={setNote}
            />
          </Field>
          <Field label={t('actions.evidence')}>
            {evidence ? (
              <Pressable
                accessibilityRole="button"
                accessibilityLabel={t('report.photo_remove', { index: 1 })}
                onPress={() => setEvidence(null)}
              >
                <Image source={{ uri: evidence.uri }} style={styles.thumb} />
              </Pressable>
            ) : (
              <Button
                kind="secondary"
                label={t('report.camera')}
                onPress={() =>
                  void pickPhoto('camera').then((photo) => photo && setEvidence(photo))
                }
              />
            )}
          </Field>
          <Button label={t('actions.mark_done')} disabled={busy} onPress={() => void markDone()} />
        </>
      ) : null}
    </ScrollView>
  );
}
