import { CircleAlert, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { DropZone } from '@/components/data/drop-zone';
import { UploadProgress } from '@/components/data/upload-progress';
import { Button } from '@/components/ui/button';
import { NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

import { useUploadAttachment } from '../api/attach-file';
import { type Allowance, defaultPurpose, precheck, purposeLabel } from '../lib/allowances';
import { formatSize } from '../lib/format-size';
import { typeNames } from '../lib/type-names';
import { uploadFailure, type UploadFailure } from '../lib/upload-error';

type Job = {
  key: string;
  name: string;
  loaded: number;
  total: number;
  state: 'sending' | 'attaching' | 'failed';
  failure?: UploadFailure;
  controller: AbortController;
};

/** One upload under way, or refused: its progress bar, or what went wrong. */
function JobRow({ job, onDismiss }: { job: Job; onDismiss: () => void }) {
  const { t } = useTranslation('files');
  const percent = job.total > 0 ? Math.round((job.loaded / job.total) * 100) : 0;
  if (job.state === 'failed' && job.failure) {
    return (
      <li
        role="alert"
        className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
      >
        <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <div className="grid min-w-0 flex-1 gap-0.5">
          <p className="font-medium break-words">{job.failure.title}</p>
          <p>{job.failure.message}</p>
          {job.failure.detail ? (
            <p className="text-xs break-words text-red-800/90">
              {t('errors.server_said', { detail: job.failure.detail })}
            </p>
          ) : null}
        </div>
        <Button
          size="icon"
          variant="ghost"
          className="size-7 text-red-900 hover:bg-red-100"
          aria-label={t('upload.dismiss', { name: job.name })}
          onClick={onDismiss}
        >
          <X aria-hidden />
        </Button>
      </li>
    );
  }
  return (
    <li className="grid gap-1.5 rounded-md border p-3 text-sm">
      <UploadProgress
        name={job.name}
        status={job.state === 'attaching' ? t('upload.attaching', { name: job.name }) : job.name}
        percent={percent}
        processing={job.state === 'attaching'}
        onCancel={job.state === 'sending' ? () => job.controller.abort() : undefined}
      />
    </li>
  );
}

/**
 * Choose a kind of file, then files (button or drag and drop): each is uploaded with
 * its progress, then attached to the record. Refusals say why, in the server's words too.
 */
export function UploadArea({
  model,
  recordId,
  allowances,
}: {
  model: string;
  recordId: string;
  allowances: Allowance[];
}) {
  const { t, i18n } = useTranslation('files');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadAttachment(model, recordId);
  const [chosen, setChosen] = useState<string | undefined>();
  const [jobs, setJobs] = useState<Job[]>([]);
  const purpose = defaultPurpose(allowances, chosen);
  const current = allowances.find((entry) => entry.purpose === purpose);
  // Uploads in flight count against the room left.
  const inFlight = jobs.filter((job) => job.state !== 'failed').length;
  const room = Math.max(0, (current?.remaining ?? 0) - inFlight);

  // Leaving the page stops the uploads still under way.
  const controllers = useRef(new Set<AbortController>());
  const jobCount = useRef(0);
  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  const patch = (key: string, change: Partial<Job>) =>
    setJobs((list) => list.map((job) => (job.key === key ? { ...job, ...change } : job)));

  const start = (files: File[]) => {
    if (!current || files.length === 0) return;
    const label = purposeLabel(current, i18n.language);
    const { send, tooLarge, overLimit } = precheck({ ...current, remaining: room }, files);
    for (const file of tooLarge) {
      toast.error(
        t('upload.too_large', {
          name: file.name,
          size: formatSize(current.max_bytes, i18n.language),
        }),
      );
    }
    if (overLimit.length > 0) {
      toast.error(t('upload.over_limit', { count: overLimit.length, label }));
    }
    for (const file of send) {
      jobCount.current += 1;
      const key = `${jobCount.current}-${file.name}`;
      const controller = new AbortController();
      controllers.current.add(controller);
      setJobs((list) => [
        ...list,
        { key, name: file.name, loaded: 0, total: file.size, state: 'sending', controller },
      ]);
      // mutateAsync: each upload keeps its own outcome (mutate's callbacks see the last only).
      upload
        .mutateAsync({
          purpose: current.purpose,
          file,
          signal: controller.signal,
          onProgress: ({ loaded, total }) =>
            patch(key, { loaded, total, ...(loaded >= total ? { state: 'attaching' } : {}) }),
        })
        .then(
          () => {
            setJobs((list) => list.filter((job) => job.key !== key));
            toast.success(t('upload.done', { name: file.name }));
          },
          (error: unknown) => {
            if (error instanceof DOMException && error.name === 'AbortError') {
              setJobs((list) => list.filter((job) => job.key !== key));
              return;
            }
            patch(key, { state: 'failed', failure: uploadFailure(error, file.name) });
          },
        )
        .finally(() => controllers.current.delete(controller));
    }
  };

  if (!current) return null;
  const label = purposeLabel(current, i18n.language);
  const full = room === 0;

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-end gap-3">
        {allowances.length > 1 ? (
          <div className="grid min-w-44 gap-1.5">
            <Label htmlFor={`${id}-purpose`}>{t('upload.purpose')}</Label>
            <NativeSelect
              id={`${id}-purpose`}
              value={current.purpose}
              onChange={(event) => setChosen(event.target.value)}
            >
              {allowances.map((entry) => (
                <option key={entry.purpose} value={entry.purpose}>
                  {t('allowance', {
                    label: purposeLabel(entry, i18n.language),
                    used: entry.used,
                    max: entry.max,
                  })}
                </option>
              ))}
            </NativeSelect>
          </div>
        ) : null}
      </div>
      <DropZone
        label={t('upload.area_label', { label })}
        disabled={full}
        onFiles={start}
        className={full ? 'bg-muted/40' : undefined}
      >
        {(dragging) => (
          <>
            {full ? (
              <p className="text-muted-foreground max-w-sm text-sm">{t('upload.no_room')}</p>
            ) : (
              <>
                <div className="flex flex-wrap items-center justify-center gap-x-2 gap-y-1 text-sm">
                  <Button type="button" variant="outline" onClick={() => input.current?.click()}>
                    {t('upload.choose')}
                  </Button>
                  <span className="text-muted-foreground">
                    {dragging ? t('upload.drop_active') : t('upload.drop')}
                  </span>
                </div>
                <p className="text-muted-foreground text-xs" id={`${id}-rules`}>
                  {t('upload.rules', {
                    types: typeNames(current.types),
                    size: formatSize(current.max_bytes, i18n.language),
                  })}
                </p>
              </>
            )}
            <input
              ref={input}
              type="file"
              className="sr-only"
              tabIndex={-1}
              aria-hidden
              multiple={room > 1}
              accept={current.types.join(',')}
              onChange={(event) => {
                start([...(event.target.files ?? [])]);
                event.target.value = '';
              }}
            />
          </>
        )}
      </DropZone>
      {jobs.length > 0 ? (
        <ul className="grid gap-2" aria-live="polite">
          {jobs.map((job) => (
            <JobRow
              key={job.key}
              job={job}
              onDismiss={() => setJobs((list) => list.filter((item) => item.key !== job.key))}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
