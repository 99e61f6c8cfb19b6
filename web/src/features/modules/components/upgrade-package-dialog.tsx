import { ArrowUpCircle } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';

import type { Module } from '../api/get-modules';
import { type UpgradeReport as Report, useUpgradePackage } from '../api/upgrade-package';
import { useFileUpload } from '@/lib/api/use-file-upload';
import { labelOf } from '../lib/labels';
import { type Refusal, refusalOf } from '../lib/package-refusal';
import { PackageDropZone, PackageProgress } from './package-picker';
import { RefusalReport } from './refusal-report';
import { UpgradeReport } from './upgrade-report';

/** Where the upgrade stands: a file to pick, a dry run to review (with its file), or done. */
type Step =
  | { kind: 'pick' }
  | { kind: 'review'; file: File; report: Report }
  | { kind: 'done'; report: Report };

/**
 * The dialog's body, mounted while it is open (closing it forgets the file and cancels
 * an upload under way). The ZIP is first sent as a dry run; its report says what would
 * happen to the records; applying sends the same file again with `dry_run=false`.
 */
function UpgradeSteps({
  module,
  onApplying,
  onClose,
}: {
  module: Module;
  onApplying: (applying: boolean) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('modules');
  const { t: tc } = useTranslation();
  const upgrade = useUpgradePackage();
  const { upload, send, cancel } = useFileUpload();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const name = labelOf(module.name, i18n.language);

  const run = (file: File, dryRun: boolean) => {
    setRefusal(null);
    if (!dryRun) onApplying(true);
    send(file, (sent) => upgrade.mutateAsync({ ...sent, code: module.code, dryRun }))
      .then(
        (report) => {
          if (!report) return;
          if (report.dry_run) {
            setStep({ kind: 'review', file, report });
            return;
          }
          setStep({ kind: 'done', report });
          toast.success(t('upgrade.applied_toast', { name, version: report.to_version }));
        },
        (error: unknown) => setRefusal(refusalOf(error, t('upgrade.failed', { name }))),
      )
      .finally(() => {
        if (!dryRun) onApplying(false);
      });
  };

  return (
    <>
      <DialogHeader>
        <DialogTitle>{t('upgrade.title', { name })}</DialogTitle>
        <DialogDescription>{t('upgrade.description')}</DialogDescription>
      </DialogHeader>
      {step.kind === 'pick' ? (
        <PackageDropZone busy={upload !== null} onFile={(file) => run(file, true)} />
      ) : (
        <UpgradeReport report={step.report} module={module} />
      )}
      {upload ? <PackageProgress upload={upload} onCancel={cancel} /> : null}
      {refusal ? <RefusalReport refusal={refusal} onDismiss={() => setRefusal(null)} /> : null}
      <DialogFooter>
        {step.kind === 'review' ? (
          <>
            <Button
              variant="outline"
              disabled={upload !== null}
              onClick={() => {
                setRefusal(null);
                setStep({ kind: 'pick' });
              }}
            >
              {t('upgrade.choose_again')}
            </Button>
            <Button pending={upload !== null} onClick={() => run(step.file, false)}>
              {t('upgrade.apply')}
            </Button>
          </>
        ) : (
          <Button variant="outline" onClick={onClose}>
            {step.kind === 'done' ? tc('common.close') : tc('common.cancel')}
          </Button>
        )}
      </DialogFooter>
    </>
  );
}

/**
 * Upgrading an installed package to a higher version, from its card: a dry run first,
 * then the same file applied once the report is read. The dialog cannot be closed while
 * the upgrade is applied (the server would finish it anyway, unseen).
 */
export function UpgradePackageDialog({ module }: { module: Module }) {
  const { t, i18n } = useTranslation('modules');
  const [open, setOpen] = useState(false);
  const [applying, setApplying] = useState(false);
  const name = labelOf(module.name, i18n.language);

  return (
    <Dialog open={open} onOpenChange={(next) => setOpen(next || applying)}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={t('upgrade.action_named', { name })}>
          <ArrowUpCircle aria-hidden />
          {t('upgrade.action')}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-3xl">
        <UpgradeSteps module={module} onApplying={setApplying} onClose={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
