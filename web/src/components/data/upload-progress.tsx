import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Progress } from '@/components/ui/progress';

/**
 * A file on its way to the server: what happens to it (`status`, its name while it is
 * sent), the share sent, a cancel button while `onCancel` is given, and a bar that pulses
 * once the server has it all and is `processing` it (checking a package, attaching a file).
 */
export function UploadProgress({
  name,
  status,
  percent,
  processing,
  onCancel,
}: {
  name: string;
  status: string;
  percent: number;
  processing: boolean;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate font-medium" title={name}>
          {status}
        </span>
        <span className="text-muted-foreground text-xs tabular-nums" aria-hidden>
          {t('common.upload.percent', { percent })}
        </span>
        {onCancel ? (
          <Button
            size="icon"
            variant="ghost"
            className="size-7"
            aria-label={t('common.upload.cancel', { name })}
            onClick={onCancel}
          >
            <X aria-hidden />
          </Button>
        ) : null}
      </div>
      <Progress
        value={percent}
        pulse={processing}
        aria-label={t('common.upload.sending', { name })}
        aria-valuetext={t('common.upload.progress', { name, percent })}
      />
    </>
  );
}
