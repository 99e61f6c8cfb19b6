import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { DropZone } from '@/components/data/drop-zone';
import { UploadProgress } from '@/components/data/upload-progress';
import { Button } from '@/components/ui/button';

import type { FileUpload } from '@/lib/api/use-file-upload';

/** The server's limit (`Limits::max_archive_bytes`): larger is refused before sending. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Where a module package (a ZIP) is chosen or dropped, for an install or an upgrade.
 * A file that is not a .zip or is too large is refused here, before anything is sent.
 */
export function PackageDropZone({ busy, onFile }: { busy: boolean; onFile: (file: File) => void }) {
  const { t } = useTranslation('modules');
  const input = useRef<HTMLInputElement>(null);

  const pick = (file: File | undefined) => {
    if (!file || busy) return;
    if (!file.name.toLowerCase().endsWith('.zip')) {
      toast.error(t('picker.not_zip', { name: file.name }));
    } else if (file.size > MAX_BYTES) {
      toast.error(t('picker.too_large', { name: file.name }));
    } else {
      onFile(file);
    }
  };

  return (
    <DropZone label={t('picker.area_label')} disabled={busy} onFiles={(files) => pick(files[0])}>
      {(dragging) => (
        <>
          <div className="flex flex-wrap items-center justify-center gap-x-2 gap-y-1 text-sm">
            <Button
              type="button"
              variant="outline"
              disabled={busy}
              onClick={() => input.current?.click()}
            >
              {t('picker.choose')}
            </Button>
            <span className="text-muted-foreground">
              {dragging ? t('picker.drop_active') : t('picker.drop')}
            </span>
          </div>
          <p className="text-muted-foreground text-xs">{t('picker.rules')}</p>
          <input
            ref={input}
            type="file"
            className="sr-only"
            tabIndex={-1}
            aria-hidden
            accept=".zip,application/zip"
            onChange={(event) => {
              pick(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
        </>
      )}
    </DropZone>
  );
}

/**
 * A package being sent: its name, a progress bar, and a cancel button until every byte
 * is out; then the server checks it whole, which the bar shows by pulsing.
 */
export function PackageProgress({
  upload,
  onCancel,
}: {
  upload: FileUpload;
  onCancel: () => void;
}) {
  const { t } = useTranslation('modules');
  const percent = upload.total > 0 ? Math.round((upload.loaded / upload.total) * 100) : 0;
  const checking = upload.loaded >= upload.total;
  return (
    <div className="grid gap-1.5 rounded-md border p-3 text-sm" aria-live="polite">
      <UploadProgress
        name={upload.name}
        status={checking ? t('picker.checking', { name: upload.name }) : upload.name}
        percent={percent}
        processing={checking}
        onCancel={checking ? undefined : onCancel}
      />
    </div>
  );
}
