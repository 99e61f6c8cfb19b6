import { Copy, Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { saveBlob } from '@/lib/download';

/** The recovery codes, shown once: copy or download them before closing. */
export function RecoveryCodesDialog({
  codes,
  onClose,
}: {
  codes: string[] | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const text = (codes ?? []).join('\n');

  const copy = async () => {
    await navigator.clipboard.writeText(text);
    toast.success(t('common.copied'));
  };

  const download = () =>
    saveBlob(new Blob([text + '\n'], { type: 'text/plain' }), 'opsflux-recovery-codes.txt');

  return (
    <Dialog open={codes !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        // Closing by a stray click would lose codes that are never shown again.
        onInteractOutside={(event) => event.preventDefault()}
      >
        <DialogHeader>
          <DialogTitle>{t('profile.recovery.title')}</DialogTitle>
          <DialogDescription>{t('profile.recovery.description')}</DialogDescription>
        </DialogHeader>
        <Alert variant="warning">
          <p>{t('profile.recovery.once')}</p>
        </Alert>
        <ul
          className="bg-muted grid grid-cols-2 gap-2 rounded-md p-4 font-mono text-sm"
          aria-label={t('profile.recovery.title')}
        >
          {(codes ?? []).map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <DialogFooter>
          <Button variant="outline" onClick={() => void copy()}>
            <Copy aria-hidden />
            {t('common.copy')}
          </Button>
          <Button variant="outline" onClick={download}>
            <Download aria-hidden />
            {t('common.download')}
          </Button>
          <Button onClick={onClose}>{t('profile.recovery.saved')}</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
