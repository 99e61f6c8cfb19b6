import { File as FileIcon, FileImage, FileSpreadsheet, FileText, Loader2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';

import { useThumbnailLink } from '../api/attachment-link';
import type { Attachment, StoredFile } from '../api/get-attachments';

/** An icon for the file's type. */
function TypeIcon({ contentType }: { contentType: string }) {
  const props = { className: 'size-10', 'aria-hidden': true, strokeWidth: 1.5 } as const;
  if (contentType.startsWith('image/')) return <FileImage {...props} />;
  if (contentType.includes('sheet') || contentType.includes('excel') || contentType === 'text/csv')
    return <FileSpreadsheet {...props} />;
  if (contentType === 'application/pdf' || contentType.startsWith('text/'))
    return <FileText {...props} />;
  return <FileIcon {...props} />;
}

/** The file's extension-like tag shown under its icon (`PDF`, `DOCX`). */
function typeTag(file: StoredFile) {
  const fromName = file.name.includes('.') ? file.name.split('.').pop() : undefined;
  return (fromName ?? file.content_type.split('/').pop() ?? '').slice(0, 5).toUpperCase();
}

/** An image's thumbnail through a signed link, else an icon for its type. */
export function FileVisual({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation('files');
  const { file } = attachment;
  const usable = file.status === 'clean' || file.status === 'unscanned';
  const thumbnail = useThumbnailLink(attachment.id, usable && file.has_thumbnail);

  if (thumbnail.data) {
    return (
      <img
        src={thumbnail.data}
        alt={t('item.thumbnail_of', { name: file.name })}
        className="size-full object-cover"
        loading="lazy"
        onError={() => void thumbnail.refetch()}
      />
    );
  }
  const preparing = usable && file.content_type.startsWith('image/') && !file.has_thumbnail;
  return (
    <div className="text-muted-foreground flex size-full flex-col items-center justify-center gap-1">
      <TypeIcon contentType={file.content_type} />
      <span className="text-[0.65rem] font-semibold tracking-wide">{typeTag(file)}</span>
      {preparing ? (
        <span className="flex items-center gap-1 text-xs">
          <Loader2 className="size-3 animate-spin" aria-hidden />
          {t('item.preparing')}
        </span>
      ) : null}
    </div>
  );
}

/** A badge for a file that is not plainly usable: being scanned, infected, or never scanned. */
export function FileStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('files');
  switch (status) {
    case 'quarantined':
      return (
        <Badge variant="warning" title={t('status.quarantined_hint')}>
          <Loader2 className="size-3 animate-spin" aria-hidden />
          {t('status.quarantined')}
        </Badge>
      );
    case 'infected':
      return (
        <Badge variant="destructive" title={t('status.infected_hint')}>
          {t('status.infected')}
        </Badge>
      );
    case 'unscanned':
      return (
        <Badge variant="outline" className="bg-background/90" title={t('status.unscanned_hint')}>
          {t('status.unscanned')}
        </Badge>
      );
    default:
      return null;
  }
}
