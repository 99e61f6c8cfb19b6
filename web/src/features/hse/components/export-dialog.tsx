import { CircleCheck, FileDown, FileSpreadsheet, FileText, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { Progress } from '@/components/ui/progress';
import { problemMessage } from '@/lib/forms/apply-problem';

import { REPORT_FORMATS, type ReportFile, type ReportFormat, type TaskState } from '../lib/report';

const ICONS = { pdf: FileText, xlsx: FileSpreadsheet } as const;

/** Where an export stands, as the dialog shows it. */
export type ExportStage =
  | { stage: 'choose'; pending?: ReportFormat; error?: unknown }
  | { stage: 'running'; format: ReportFormat; task: TaskState }
  | { stage: 'done'; file: ReportFile; saving: boolean }
  | { stage: 'failed'; error: string | null }
  | { stage: 'lost'; error: unknown };

/**
 * The export dialog: the formats to choose from, then the task's progress, its file to
 * download or why it failed. It only shows: `ExportButton` holds the task.
 */
export function ExportDialog({
  open,
  onOpenChange,
  scope,
  stage,
  onChoose,
  onDownload,
  onRestart,
  onRetry,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** What will be exported, in words ("the 12 filtered incidents…"). */
  scope: string;
  stage: ExportStage;
  onChoose: (format: ReportFormat) => void;
  onDownload: () => void;
  onRestart: () => void;
  onRetry: () => void;
}) {
  const { t } = useTranslation('hse');
  const { t: tCommon } = useTranslation();
  const settled = stage.stage !== 'choose' && stage.stage !== 'running';
  const close = (
    <DialogClose asChild>
      <Button variant="outline">{tCommon('common.close')}</Button>
    </DialogClose>
  );
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{t('export.title')}</DialogTitle>
          <DialogDescription>{scope}</DialogDescription>
        </DialogHeader>
        {stage.stage === 'choose' ? (
          <FormatChoice pending={stage.pending} error={stage.error} onChoose={onChoose} />
        ) : stage.stage === 'running' ? (
          <>
            <TaskProgress format={stage.format} task={stage.task} />
            <DialogFooter>{close}</DialogFooter>
          </>
        ) : stage.stage === 'done' ? (
          <div role="status" className="flex items-start gap-3 text-sm">
            <CircleCheck className="mt-0.5 size-5 shrink-0 text-emerald-600" aria-hidden />
            <div className="min-w-0">
              <p className="font-medium break-all">
                {t('export.done', { name: stage.file.file_name })}
              </p>
              {stage.file.incidents === undefined ? null : (
                <p className="text-muted-foreground">
                  {t('export.done_count', { count: stage.file.incidents })}
                </p>
              )}
            </div>
          </div>
        ) : (
          <Alert variant="destructive">
            <TriangleAlert aria-hidden />
            <div>
              <p className="font-medium">{t('export.failed')}</p>
              <p>
                {stage.stage === 'lost'
                  ? problemMessage(stage.error)
                  : stage.error || t('export.failed_unknown')}
              </p>
            </div>
          </Alert>
        )}
        {settled ? (
          <DialogFooter>
            {close}
            {stage.stage === 'done' ? (
              <>
                <Button variant="outline" onClick={onRestart}>
                  {t('export.again')}
                </Button>
                <Button pending={stage.saving} onClick={onDownload}>
                  {stage.saving ? null : <FileDown aria-hidden />}
                  {t('export.download')}
                </Button>
              </>
            ) : (
              <Button onClick={onRetry}>{t('export.retry')}</Button>
            )}
          </DialogFooter>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

/** One large button per format; choosing one starts the export. */
function FormatChoice({
  pending,
  error,
  onChoose,
}: {
  pending?: ReportFormat;
  error?: unknown;
  onChoose: (format: ReportFormat) => void;
}) {
  const { t } = useTranslation('hse');
  return (
    <div className="grid gap-2">
      {REPORT_FORMATS.map((format) => {
        const Icon = ICONS[format];
        return (
          <Button
            key={format}
            variant="outline"
            className="h-auto justify-start px-4 py-3 text-left whitespace-normal"
            pending={pending === format}
            disabled={pending !== undefined}
            aria-describedby={`export-${format}-hint`}
            onClick={() => onChoose(format)}
          >
            {pending === format ? null : <Icon className="text-muted-foreground" aria-hidden />}
            <span className="grid gap-0.5">
              <span>{t(`export.formats.${format}`)}</span>
              <span
                id={`export-${format}-hint`}
                className="text-muted-foreground text-xs font-normal"
              >
                {t(`export.formats.${format}_hint`)}
              </span>
            </span>
          </Button>
        );
      })}
      {error ? (
        <Alert variant="destructive">
          <TriangleAlert aria-hidden />
          <p>{problemMessage(error)}</p>
        </Alert>
      ) : null}
    </div>
  );
}

/** A task on its way: its format, incidents done out of the total, and that it goes on if closed. */
function TaskProgress({ format, task }: { format: ReportFormat; task: TaskState }) {
  const { t } = useTranslation('hse');
  const Icon = ICONS[format];
  const progress = task.progress ?? null;
  const counted = progress !== null && progress.total > 0;
  const words = counted ? t('export.progress', progress) : undefined;
  return (
    <div className="grid gap-2 text-sm">
      <div className="flex items-center gap-2">
        <Icon className="text-muted-foreground size-4 shrink-0" aria-hidden />
        <span className="min-w-0 flex-1 font-medium">{t(`export.formats.${format}`)}</span>
        {words ? (
          <span className="text-muted-foreground text-xs tabular-nums" aria-hidden>
            {words}
          </span>
        ) : null}
      </div>
      <Progress
        value={counted ? progress.done : null}
        max={counted ? progress.total : undefined}
        aria-label={t('export.progress_label')}
        aria-valuetext={words}
      />
      <p className="text-muted-foreground" role="status">
        {task.status === 'queued' ? t('export.queued') : t('export.running')}{' '}
        {t('export.continues')}
      </p>
    </div>
  );
}
