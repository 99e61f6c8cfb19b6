import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { useMoveAction } from '../api/move-action';
import { type Action, ACTION_MOVES, type ActionMove } from '../lib/actions';
import { NoteDialog } from './note-dialog';
import { PhotoUploads } from './photo-uploads';
import { usePhotoUploads } from './use-photo-uploads';
import { isStale } from './use-stale-incident';

/**
 * Confirms a move of an action: a note (required to reopen or cancel), and for
 * `complete` evidence photos sent as they are chosen. Mounted for one move at a time.
 */
export function ActionMoveDialog({
  action,
  move,
  onClose,
}: {
  action: Action;
  move: ActionMove;
  onClose: () => void;
}) {
  const { t } = useTranslation('hse');
  const mutation = useMoveAction(action);
  const photos = usePhotoUploads();
  const evidence = move === 'complete';
  return (
    <NoteDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t(`actions.moves.${move}.title`, { number: action.number })}
      description={t(`actions.moves.${move}.description`)}
      label={t('actions.note')}
      confirmLabel={t(`actions.moves.${move}.label`)}
      required={ACTION_MOVES[move].noteRequired}
      destructive={move === 'cancel'}
      busy={photos.uploading}
      onSubmit={async (note) => {
        const moved = await mutation.mutateAsync({
          move,
          note,
          evidenceIds: photos.fileIds,
        });
        toast.success(
          t('actions.moved', { number: moved.number, status: t(`actions.status.${moved.status}`) }),
        );
      }}
      onError={(error) => {
        // The action moved on meanwhile: its list is read again (`onSettled`).
        if (!isStale(error)) return false;
        toast.warning(t('conflict.action'));
        return true;
      }}
    >
      {evidence ? (
        <div className="grid gap-1.5">
          <h3 className="text-sm font-medium">{t('actions.evidence')}</h3>
          <PhotoUploads uploads={photos} />
        </div>
      ) : null}
    </NoteDialog>
  );
}
