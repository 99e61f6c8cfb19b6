import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Skeleton } from '@/components/ui/skeleton';
import { type Attachment, attachmentLink, FileVisual, useAttachments } from '@/features/files';
import { problemMessage } from '@/lib/forms/apply-problem';

import { INCIDENT_MODEL } from '../lib/incident';

/** Opens the full-size photo through a signed link, in a new tab (zoom, save, print). */
async function openLarge(attachment: Attachment) {
  window.open(await attachmentLink(attachment.id, 'original'), '_blank', 'noopener');
}

/** The incident's photos as thumbnails (the record files' visual); a click opens one large. */
export function IncidentPhotos({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation('hse');
  const attachments = useAttachments(INCIDENT_MODEL, incidentId);
  const [opening, setOpening] = useState<string | null>(null);
  if (attachments.isPending) return <Skeleton className="h-32 w-full" />;
  if (attachments.isError) return <p className="text-sm">{problemMessage(attachments.error)}</p>;
  if (attachments.data.length === 0) {
    return <p className="text-muted-foreground text-sm">{t('detail.no_photos')}</p>;
  }
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {attachments.data.map((attachment) => (
        <li key={attachment.id}>
          <button
            type="button"
            className="bg-muted/60 focus-visible:ring-ring block aspect-[4/3] w-full overflow-hidden rounded-md border hover:opacity-90 focus-visible:ring-2 focus-visible:outline-none disabled:cursor-wait"
            aria-label={t('detail.photo_open', { name: attachment.file.name })}
            title={attachment.caption ?? attachment.file.name}
            disabled={opening === attachment.id}
            onClick={() => {
              setOpening(attachment.id);
              openLarge(attachment)
                .catch((error: unknown) => toast.error(problemMessage(error)))
                .finally(() => setOpening(null));
            }}
          >
            <FileVisual attachment={attachment} />
          </button>
        </li>
      ))}
    </ul>
  );
}
