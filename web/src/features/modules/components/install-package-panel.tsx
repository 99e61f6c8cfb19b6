import { PackagePlus } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

import { useInstallPackage } from '../api/install-package';
import { useFileUpload } from '@/lib/api/use-file-upload';
import { labelOf } from '../lib/labels';
import { type Refusal, refusalOf } from '../lib/package-refusal';
import { PackageDropZone, PackageProgress } from './package-picker';
import { RefusalReport } from './refusal-report';

/**
 * A module package (a ZIP) chosen or dropped, sent with its progress, then checked whole
 * by the server: a success is a toast naming the new module (off until enabled); a
 * refusal is the validation report, one row per problem.
 */
export function InstallPackagePanel() {
  const { t, i18n } = useTranslation('modules');
  const id = useId();
  const install = useInstallPackage();
  const { upload, send, cancel } = useFileUpload();
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const start = (file: File) => {
    setRefusal(null);
    send(file, install.mutateAsync).then(
      (module) => {
        if (!module) return;
        toast.success(
          t('install.installed', {
            name: labelOf(module.name, i18n.language),
            version: module.version,
          }),
        );
      },
      (error: unknown) => setRefusal(refusalOf(error, t('install.failed', { name: file.name }))),
    );
  };

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader>
        <CardTitle id={`${id}-title`} className="flex items-center gap-2">
          <PackagePlus className="text-muted-foreground size-5" aria-hidden />
          {t('install.title')}
        </CardTitle>
        <CardDescription>{t('install.description')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <PackageDropZone busy={upload !== null} onFile={start} />
        {upload ? <PackageProgress upload={upload} onCancel={cancel} /> : null}
        {refusal ? <RefusalReport refusal={refusal} onDismiss={() => setRefusal(null)} /> : null}
      </CardContent>
    </Card>
  );
}
