import { Download, TriangleAlert } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { DropZone } from '@/components/data/drop-zone';
import { UploadProgress } from '@/components/data/upload-progress';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { uploadFailure } from '@/features/files';
import { problemMessage } from '@/lib/forms/apply-problem';

import { downloadTemplate } from '../api/download-template';
import type { ResourceOut, TemplateFormat } from '../api/types';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import type { ImportWizard } from '../hooks/use-import-wizard';

const TEMPLATE_FORMATS: TemplateFormat[] = ['csv', 'xlsx', 'json'];
/** What the files API takes for an import (`import_export.file`). */
const ACCEPTED = /\.(csv|xlsx|json)$/i;
const ACCEPT_ATTRIBUTE =
  '.csv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The fields a resource expects, required ones marked, and the key that names a record. */
function ExpectedColumns({ resource }: { resource: ResourceOut }) {
  const { t } = useTranslation('importExport');
  const labels = new Map(resource.fields.map((field) => [field.name, field.label]));
  return (
    <div className="grid gap-2">
      <p className="text-sm font-medium">{t('choose.columns')}</p>
      <ul className="flex flex-wrap gap-1.5">
        {resource.fields.map((field) => (
          <li key={field.name}>
            <Badge variant={field.required ? 'secondary' : 'outline'} title={field.name}>
              {field.label}
              {field.required ? (
                <span className="text-muted-foreground font-normal"> · {t('choose.required')}</span>
              ) : null}
            </Badge>
          </li>
        ))}
      </ul>
      {resource.key.length > 0 ? (
        <p className="text-muted-foreground text-xs">
          {t('choose.key', {
            fields: resource.key.map((name) => labels.get(name) ?? name).join(', '),
          })}
        </p>
      ) : null}
    </div>
  );
}

/** One button per template format; the file comes with the bearer token. */
function TemplateLinks({ resource }: { resource: ResourceOut }) {
  const { t } = useTranslation('importExport');
  const [pending, setPending] = useState<TemplateFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const save = async (format: TemplateFormat) => {
    setPending(format);
    setError(null);
    try {
      await downloadTemplate(resource.name, format);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(null);
    }
  };
  return (
    <div className="grid gap-1">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="font-medium">{t('choose.template')}</span>
        {TEMPLATE_FORMATS.map((format) => (
          <Button
            key={format}
            variant="link"
            className="h-auto p-0"
            pending={pending === format}
            aria-label={t('choose.template_named', { format: t(`choose.formats.${format}`) })}
            onClick={() => void save(format)}
          >
            {pending === format ? null : <Download aria-hidden />}
            {t(`choose.formats.${format}`)}
          </Button>
        ))}
      </div>
      {error ? <p className="text-destructive text-sm">{problemMessage(error)}</p> : null}
    </div>
  );
}

/**
 * Step 1: the resource (from those the caller may import), its template, then the file,
 * chosen or dropped, sent with its progress.
 */
export function ChooseStep({
  resources,
  resource,
  requested,
  onResourceChange,
  wizard,
  autoFocus,
}: {
  resources: ResourceOut[];
  resource: ResourceOut | null;
  /** The resource the address asked for, when it is not one the caller may import. */
  requested?: string;
  onResourceChange: (name: string | undefined) => void;
  wizard: ImportWizard;
  /** Put the focus on the step's heading (the wizard came back to it). */
  autoFocus: boolean;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>(autoFocus);
  const { t } = useTranslation('importExport');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const { upload } = wizard;
  const busy = upload !== null || wizard.previewStart.isPending;

  const pick = (file: File | undefined) => {
    if (!file) return;
    if (!ACCEPTED.test(file.name)) {
      setRefused(file.name);
      return;
    }
    setRefused(null);
    void wizard.chooseFile(file);
  };

  const failure = wizard.uploadError
    ? uploadFailure(wizard.uploadError.error, wizard.uploadError.name)
    : null;
  const percent = upload && upload.total > 0 ? Math.round((upload.loaded / upload.total) * 100) : 0;

  return (
    <Card>
      <CardHeader>
        <CardTitle ref={heading} tabIndex={-1} className="text-base focus:outline-none">
          {t('choose.title')}
        </CardTitle>
        <CardDescription>{t('choose.description')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <div className="grid max-w-sm gap-2">
          <Label htmlFor={`${id}-resource`}>{t('choose.resource')}</Label>
          <NativeSelect
            id={`${id}-resource`}
            value={resource?.name ?? ''}
            disabled={busy}
            onChange={(event) => onResourceChange(event.target.value || undefined)}
          >
            <option value="">{t('choose.resource_placeholder')}</option>
            {resources.map((candidate) => (
              <option key={candidate.name} value={candidate.name}>
                {candidate.label}
              </option>
            ))}
          </NativeSelect>
          {requested && !resource ? (
            <p className="text-destructive text-sm">
              {t('choose.unknown_resource', { name: requested })}
            </p>
          ) : null}
        </div>
        {resource ? (
          <>
            <ExpectedColumns resource={resource} />
            <TemplateLinks resource={resource} />
          </>
        ) : null}
        {upload ? (
          <div className="grid gap-2 rounded-lg border p-4 text-sm">
            <UploadProgress
              name={upload.name}
              status={
                upload.loaded < upload.total
                  ? t('choose.sending', { name: upload.name })
                  : t('choose.checking', { name: upload.name })
              }
              percent={percent}
              processing={upload.loaded >= upload.total}
              onCancel={wizard.cancelUpload}
            />
          </div>
        ) : (
          <DropZone
            label={t('choose.area_label')}
            disabled={!resource || busy}
            onFiles={(files) => pick(files[0])}
          >
            {(dragging) =>
              resource ? (
                <div className="flex flex-wrap items-center justify-center gap-x-2 gap-y-1 text-sm">
                  <Button
                    type="button"
                    variant="outline"
                    pending={wizard.previewStart.isPending}
                    onClick={() => input.current?.click()}
                  >
                    {t('choose.choose_file')}
                  </Button>
                  <span className="text-muted-foreground">
                    {dragging ? t('choose.drop_active') : t('choose.drop')}
                  </span>
                </div>
              ) : (
                <p className="text-muted-foreground text-sm">{t('choose.pick_resource_first')}</p>
              )
            }
          </DropZone>
        )}
        <input
          ref={input}
          type="file"
          className="sr-only"
          tabIndex={-1}
          aria-label={t('choose.area_label')}
          accept={ACCEPT_ATTRIBUTE}
          disabled={!resource || busy}
          onChange={(event) => {
            pick(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        {refused ? (
          <Alert variant="destructive">
            <TriangleAlert aria-hidden />
            <span>{t('choose.not_supported', { name: refused })}</span>
          </Alert>
        ) : null}
        {failure ? (
          <Alert variant="destructive">
            <TriangleAlert aria-hidden />
            <div className="grid gap-1">
              <p className="font-medium">{failure.title}</p>
              <p>{failure.message}</p>
              {failure.detail ? <p className="text-xs">{failure.detail}</p> : null}
            </div>
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}
