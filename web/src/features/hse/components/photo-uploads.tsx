import { CircleAlert, X } from 'lucide-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { DropZone } from '@/components/data/drop-zone';
import { UploadProgress } from '@/components/data/upload-progress';
import { Button } from '@/components/ui/button';

import type { Photo, PhotoUploadsState } from './use-photo-uploads';

function PhotoTile({ photo, onRemove }: { photo: Photo; onRemove: () => void }) {
  const { t } = useTranslation('hse');
  const percent = photo.total > 0 ? Math.round((photo.loaded / photo.total) * 100) : 0;
  return (
    <li className="bg-card flex min-w-0 flex-col overflow-hidden rounded-lg border">
      <div className="bg-muted relative aspect-[4/3]">
        <img src={photo.preview} alt={photo.name} className="size-full object-cover" />
        <Button
          type="button"
          size="icon"
          variant="secondary"
          className="absolute top-1.5 right-1.5 size-7 shadow"
          aria-label={t('form.photo_remove', { name: photo.name })}
          title={t('form.photo_remove', { name: photo.name })}
          onClick={onRemove}
        >
          <X aria-hidden />
        </Button>
      </div>
      <div className="grid gap-1.5 p-2 text-sm">
        {photo.state === 'failed' && photo.failure ? (
          <p role="alert" className="flex items-start gap-1.5 text-xs text-red-800">
            <CircleAlert className="mt-0.5 size-3.5 shrink-0" aria-hidden />
            <span className="break-words">{photo.failure.message}</span>
          </p>
        ) : photo.state === 'sending' ? (
          <UploadProgress
            name={photo.name}
            status={photo.name}
            percent={percent}
            processing={percent >= 100}
          />
        ) : (
          <p className="truncate text-xs font-medium" title={photo.name}>
            {photo.name}
          </p>
        )}
      </div>
    </li>
  );
}

/** Photos chosen or dropped, each shown at once with its upload's progress; removable. */
export function PhotoUploads({
  uploads: { photos, full, add: onFiles, remove: onRemove },
  describedBy,
}: {
  uploads: PhotoUploadsState;
  describedBy?: string;
}) {
  const { t } = useTranslation('hse');
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="grid gap-3" aria-describedby={describedBy}>
      <DropZone
        label={t('form.photos')}
        disabled={full}
        onFiles={onFiles}
        className={full ? 'bg-muted/40 py-4' : 'py-4'}
      >
        {(dragging) =>
          full ? (
            <p className="text-muted-foreground text-sm">{t('form.photos_full')}</p>
          ) : (
            <>
              <div className="flex flex-wrap items-center justify-center gap-x-2 gap-y-1 text-sm">
                <Button type="button" variant="outline" onClick={() => input.current?.click()}>
                  {t('form.photos_choose')}
                </Button>
                <span className="text-muted-foreground">
                  {dragging ? t('form.photos_drop_active') : t('form.photos_drop')}
                </span>
              </div>
              <p className="text-muted-foreground text-xs">{t('form.photos_rules')}</p>
              <input
                ref={input}
                type="file"
                accept="image/*"
                multiple
                className="sr-only"
                tabIndex={-1}
                aria-label={t('form.photos_choose')}
                onChange={(event) => {
                  onFiles([...(event.target.files ?? [])]);
                  event.target.value = '';
                }}
              />
            </>
          )
        }
      </DropZone>
      {photos.length > 0 ? (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-live="polite">
          {photos.map((photo) => (
            <PhotoTile key={photo.key} photo={photo} onRemove={() => onRemove(photo.key)} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
