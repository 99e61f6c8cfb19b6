import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { Button } from '@/components/ui/button';
import { problemMessage } from '@/lib/forms/apply-problem';

import { downloadExport } from '../api/get-exports';
import type { Module } from '../api/get-modules';
import { useUninstallPackage } from '../api/uninstall-package';
import { labelOf } from '../lib/labels';
import { type Refusal, refusalOf } from '../lib/package-refusal';
import { RefusalReport } from './refusal-report';

/**
 * Uninstalling a package from its card, after saying what happens: its records are
 * exported first, and it must be off in every company. A refusal (a company has it on,
 * a module needs it) stays in the dialog with the server's reason; a success names the
 * export, which the exports list then holds.
 */
export function UninstallPackageDialog({ module }: { module: Module }) {
  const { t, i18n } = useTranslation('modules');
  const { t: tc } = useTranslation();
  const uninstall = useUninstallPackage();
  const [open, setOpen] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const name = labelOf(module.name, i18n.language);

  const confirm = () => {
    setRefusal(null);
    // Awaited rather than `mutate`'s callbacks: the card (and this dialog) goes as soon
    // as the list is refetched, and the toast must still be told.
    uninstall.mutateAsync(module.code).then(
      (out) => {
        setOpen(false);
        toast.success(t('uninstall.done', { name, count: out.records, file: out.export }), {
          action: {
            label: tc('common.download'),
            onClick: () =>
              void downloadExport(out.export).catch((error: unknown) =>
                toast.error(problemMessage(error)),
              ),
          },
        });
      },
      (error: unknown) => setRefusal(refusalOf(error, t('uninstall.failed', { name }))),
    );
  };

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setRefusal(null);
      }}
      trigger={
        <Button variant="outline" size="sm" aria-label={t('uninstall.action_named', { name })}>
          <Trash2 aria-hidden />
          {t('uninstall.action')}
        </Button>
      }
      title={t('uninstall.title', { name })}
      description={t('uninstall.description', { name, version: module.version })}
      confirmLabel={t('uninstall.action')}
      pending={uninstall.isPending}
      onConfirm={confirm}
    >
      <ul className="grid list-disc gap-1.5 pl-5 text-sm">
        <li>{t('uninstall.exported_first')}</li>
        <li>{t('uninstall.off_everywhere')}</li>
        <li>{t('uninstall.then_removed')}</li>
      </ul>
      {refusal ? (
        <RefusalReport
          refusal={refusal}
          label={t('uninstall.refused')}
          onDismiss={() => setRefusal(null)}
        />
      ) : null}
    </ConfirmDialog>
  );
}
