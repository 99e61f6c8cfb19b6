import { Check, Download, Pencil, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { saveFile } from '@/lib/download';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import { attachmentLink } from '../api/attachment-link';
import { useDeleteAttachment } from '../api/delete-attachment';
import type { Attachment } from '../api/get-attachments';
import { useUpdateAttachment } from '../api/update-attachment';
import { formatSize } from '../lib/format-size';
import { FileStatusBadge, FileVisual } from './file-visual';

/** Opens the bytes through a signed link: the browser downloads it with its name. */
async function download(attachment: Attachment) {
  saveFile(await attachmentLink(attachment.id, 'original'), attachment.file.name);
}

/** The caption, edited in place: Enter saves, Escape gives up. */
function Caption({
  attachment,
  model,
  recordId,
  canChange,
}: {
  attachment: Attachment;
  model: string;
  recordId: string;
  canChange: boolean;
}) {
  const { t } = useTranslation('files');
  const { t: tc } = useTranslation();
  const update = useUpdateAttachment(model, recordId);
  const [draft, setDraft] = useState<string | null>(null);
  const name = attachment.file.name;
  const caption = attachment.caption ?? '';

  if (!canChange) {
    return caption ? <p className="text-sm break-words">{caption}</p> : null;
  }
  if (draft === null) {
    return (
      <button
        type="button"
        className="hover:bg-accent focus-visible:ring-ring -mx-1 flex min-h-7 w-[calc(100%+0.5rem)] items-center gap-1.5 rounded px-1 text-left text-sm focus-visible:ring-2 focus-visible:outline-none"
        aria-label={t('item.caption_edit', { name })}
        onClick={() => setDraft(caption)}
      >
        <span className={caption ? 'min-w-0 break-words' : 'text-muted-foreground italic'}>
          {caption || t('item.caption_placeholder')}
        </span>
        <Pencil className="text-muted-foreground ml-auto size-3.5 shrink-0" aria-hidden />
      </button>
    );
  }
  const save = () => {
    if (draft.trim() === caption) {
      setDraft(null);
      return;
    }
    update.mutate(
      { id: attachment.id, caption: draft.trim() },
      {
        onSuccess: () => {
          setDraft(null);
          toast.success(t('item.caption_saved'));
        },
        onError: (error) => toast.error(problemMessage(error)),
      },
    );
  };
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Input
        autoFocus
        className="h-8"
        value={draft}
        maxLength={500}
        placeholder={t('item.caption_placeholder')}
        aria-label={t('item.caption_of', { name })}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            setDraft(null);
          }
        }}
      />
      <Button
        type="submit"
        size="icon"
        variant="ghost"
        className="size-8"
        pending={update.isPending}
        aria-label={tc('common.save')}
      >
        {update.isPending ? null : <Check aria-hidden />}
      </Button>
      <Button
        type="button"
        size="icon"
        variant="ghost"
        className="size-8"
        aria-label={tc('common.cancel')}
        onClick={() => setDraft(null)}
      >
        <X aria-hidden />
      </Button>
    </form>
  );
}

/** One attachment: preview, name, size, status, caption, download and delete. */
export function AttachmentCard({
  attachment,
  model,
  recordId,
  canChange,
}: {
  attachment: Attachment;
  model: string;
  recordId: string;
  canChange: boolean;
}) {
  const { t, i18n } = useTranslation('files');
  const format = useFormat();
  const remove = useDeleteAttachment(model, recordId);
  const [confirm, setConfirm] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const { file } = attachment;
  const usable = file.status === 'clean' || file.status === 'unscanned';
  const titleId = `attachment-${attachment.id}`;

  return (
    <li
      aria-labelledby={titleId}
      className="bg-card flex min-w-0 flex-col overflow-hidden rounded-lg border shadow-xs"
    >
      <div className="bg-muted/60 relative aspect-[4/3] overflow-hidden border-b">
        <FileVisual attachment={attachment} />
        <div className="absolute top-2 left-2">
          <FileStatusBadge status={file.status} />
        </div>
      </div>
      <div className="flex flex-1 flex-col gap-1.5 p-3">
        <p id={titleId} className="truncate text-sm font-medium" title={file.name}>
          {file.name}
        </p>
        <p className="text-muted-foreground text-xs">
          {formatSize(file.size, i18n.language)} ·{' '}
          <time dateTime={attachment.created_at}>{format.date(attachment.created_at)}</time>
        </p>
        <Caption attachment={attachment} model={model} recordId={recordId} canChange={canChange} />
        <div className="mt-auto flex items-center justify-end gap-1 pt-1">
          <Button
            size="icon"
            variant="ghost"
            className="size-8"
            disabled={!usable}
            pending={downloading}
            aria-label={t('item.download', { name: file.name })}
            title={t('item.download', { name: file.name })}
            onClick={() => {
              setDownloading(true);
              download(attachment)
                .catch((error: unknown) => toast.error(problemMessage(error)))
                .finally(() => setDownloading(false));
            }}
          >
            {downloading ? null : <Download aria-hidden />}
          </Button>
          {canChange ? (
            <ConfirmDialog
              open={confirm}
              onOpenChange={setConfirm}
              trigger={
                <Button
                  size="icon"
                  variant="ghost"
                  className="text-destructive hover:text-destructive size-8"
                  aria-label={t('item.delete', { name: file.name })}
                  title={t('item.delete', { name: file.name })}
                >
                  <Trash2 aria-hidden />
                </Button>
              }
              title={t('item.delete_title', { name: file.name })}
              description={t('item.delete_hint')}
              confirmLabel={t('item.delete_confirm')}
              pending={remove.isPending}
              onConfirm={() =>
                // Awaited rather than given callbacks: the card leaves the list (and
                // unmounts) as soon as the deletion succeeds, and the toast must still show.
                remove.mutateAsync(attachment.id).then(
                  () => {
                    setConfirm(false);
                    toast.success(t('item.deleted', { name: file.name }));
                  },
                  (error: unknown) => toast.error(problemMessage(error)),
                )
              }
            />
          ) : null}
        </div>
      </div>
    </li>
  );
}
