import { PackagePlus, Upload, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/lib/utils';

import { useInstallPackage } from '../api/install-package';
import { installFailure, type InstallFailure } from '../lib/install-failure';
import { labelOf } from '../lib/labels';
import { ValidationReport } from './validation-report';

/** The server's limit (`Limits::max_archive_bytes`): larger is refused before sending. */
const MAX_BYTES = 5 * 1024 * 1024;

type Upload = { name: string; loaded: number; total: number };

/**
 * A module package (a ZIP) chosen or dropped, sent with its progress, then checked whole
 * by the server: a success is a toast naming the new module (off until enabled); a
 * refusal is the validation report, one row per problem.
 */
export function InstallPackagePanel() {
  const { t, i18n } = useTranslation('modules');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);
  const install = useInstallPackage();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [failure, setFailure] = useState<InstallFailure | null>(null);
  const [dragging, setDragging] = useState(false);

  // Leaving the page stops an upload under way.
  useEffect(() => () => controller.current?.abort(), []);

  const start = (file: File | undefined) => {
    if (!file || upload) return;
    setFailure(null);
    if (!file.name.toLowerCase().endsWith('.zip')) {
      toast.error(t('install.not_zip', { name: file.name }));
      return;
    }
    if (file.size > MAX_BYTES) {
      toast.error(t('install.too_large', { name: file.name }));
      return;
    }
    const abort = new AbortController();
    controller.current = abort;
    setUpload({ name: file.name, loaded: 0, total: file.size });
    install
      .mutateAsync({
        file,
        signal: abort.signal,
        onProgress: ({ loaded, total }) => setUpload({ name: file.name, loaded, total }),
      })
      .then(
        (module) =>
          toast.success(
            t('install.installed', {
              name: labelOf(module.name, i18n.language),
              version: module.version,
            }),
          ),
        (error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          setFailure(installFailure(error, file.name));
        },
      )
      .finally(() => {
        controller.current = null;
        setUpload(null);
      });
  };

  const percent = upload && upload.total > 0 ? Math.round((upload.loaded / upload.total) * 100) : 0;
  const checking = upload !== null && upload.loaded >= upload.total;

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
        <div
          role="group"
          aria-label={t('install.area_label')}
          onDragEnter={(event) => {
            event.preventDefault();
            if (!upload) setDragging(true);
          }}
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = upload ? 'none' : 'copy';
          }}
          onDragLeave={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null))
              setDragging(false);
          }}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            start(event.dataTransfer.files[0]);
          }}
          className={cn(
            'flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-6 text-center transition-colors',
            dragging ? 'border-primary bg-primary/5' : 'border-input',
          )}
        >
          <Upload className="text-muted-foreground size-6" aria-hidden />
          <div className="flex flex-wrap items-center justify-center gap-x-2 gap-y-1 text-sm">
            <Button
              type="button"
              variant="outline"
              disabled={upload !== null}
              onClick={() => input.current?.click()}
            >
              {t('install.choose')}
            </Button>
            <span className="text-muted-foreground">
              {dragging ? t('install.drop_active') : t('install.drop')}
            </span>
          </div>
          <p className="text-muted-foreground text-xs">{t('install.rules')}</p>
          <input
            ref={input}
            type="file"
            className="sr-only"
            tabIndex={-1}
            aria-hidden
            accept=".zip,application/zip"
            onChange={(event) => {
              start(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
        </div>
        {upload ? (
          <div className="grid gap-1.5 rounded-md border p-3 text-sm" aria-live="polite">
            <div className="flex items-center gap-2">
              <span className="min-w-0 flex-1 truncate font-medium" title={upload.name}>
                {checking ? t('install.checking', { name: upload.name }) : upload.name}
              </span>
              <span className="text-muted-foreground text-xs tabular-nums" aria-hidden>
                {t('install.percent', { percent })}
              </span>
              {!checking ? (
                <Button
                  size="icon"
                  variant="ghost"
                  className="size-7"
                  aria-label={t('install.cancel', { name: upload.name })}
                  onClick={() => controller.current?.abort()}
                >
                  <X aria-hidden />
                </Button>
              ) : null}
            </div>
            <div
              role="progressbar"
              aria-label={t('install.sending', { name: upload.name })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={t('install.progress', { name: upload.name, percent })}
              className="bg-muted h-2 overflow-hidden rounded-full"
            >
              <div
                className={cn(
                  'bg-primary h-full rounded-full transition-[width] duration-200',
                  checking && 'animate-pulse',
                )}
                style={{ width: `${percent}%` }}
              />
            </div>
          </div>
        ) : null}
        {failure ? <ValidationReport failure={failure} onDismiss={() => setFailure(null)} /> : null}
      </CardContent>
    </Card>
  );
}
