import { FileDown, X } from 'lucide-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { Progress } from '@/components/ui/progress';
import { TableCell, TableRow } from '@/components/ui/table';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import { useCancelTask } from '../api/cancel-task';
import { downloadFile } from '../api/download-file';
import type { TaskState } from '../api/types';
import { counted, exportResult, importResult, isSettled, taskFile, taskKind } from '../lib/tasks';
import { TaskStatusBadge } from './task-status-badge';

/** What a task did, in a line: an import's counts, an export's file, a failure's reason. */
function TaskSummary({
  task,
  resourceLabel,
}: {
  task: TaskState;
  resourceLabel: (name: string) => string;
}) {
  const { t } = useTranslation('importExport');
  const imported = importResult(task);
  const exported = exportResult(task);
  if (task.status === 'failed' && task.error) {
    return <span className="text-destructive">{task.error}</span>;
  }
  if (imported) {
    const counts = imported.dry_run
      ? t('jobs.preview_summary', imported)
      : t('jobs.summary', imported);
    return (
      <span>
        {resourceLabel(imported.resource)}
        {task.status === 'done' ? ` · ${counts}` : null}
      </span>
    );
  }
  if (exported) return <span className="break-all">{exported.file_name}</span>;
  return null;
}

/** One task of the jobs page: its kind, status (and progress while it runs), times, files. */
export function JobRow({
  task,
  resourceLabel,
}: {
  task: TaskState;
  resourceLabel: (name: string) => string;
}) {
  const { t } = useTranslation('importExport');
  const { t: tCommon } = useTranslation();
  const format = useFormat();
  const cancel = useCancelTask();
  const save = useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => downloadFile(id, name),
    onError: (error) => toast.error(problemMessage(error)),
  });
  const kind = taskKind(task);
  const file = taskFile(task);
  const progress = counted(task.progress);
  const running = !isSettled(task);
  const cancellable = running && task.task.startsWith('import_export.');

  return (
    <TableRow>
      <TableCell className="max-w-md">
        <div className="font-medium">{t(`jobs.kinds.${kind}`)}</div>
        <div className="text-muted-foreground text-xs">
          <TaskSummary task={task} resourceLabel={resourceLabel} />
        </div>
      </TableCell>
      <TableCell>
        <div className="grid w-32 gap-1.5">
          <span>
            <TaskStatusBadge status={task.status} />
          </span>
          {task.status === 'running' ? (
            <Progress
              value={progress ? progress.done : null}
              max={progress ? progress.total : undefined}
              aria-label={t('jobs.progress_label')}
              aria-valuetext={progress ? t('jobs.progress', progress) : undefined}
              className="h-1.5"
            />
          ) : null}
          {task.status === 'running' && progress ? (
            <span className="text-muted-foreground text-xs tabular-nums">
              {t('jobs.progress', progress)}
            </span>
          ) : null}
        </div>
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <time dateTime={task.created_at} title={format.dateTime(task.created_at)}>
          {format.relative(task.created_at)}
        </time>
      </TableCell>
      <TableCell className="hidden whitespace-nowrap md:table-cell">
        {task.finished_at ? (
          <time dateTime={task.finished_at}>{format.dateTime(task.finished_at)}</time>
        ) : (
          <span className="text-muted-foreground">—</span>
        )}
      </TableCell>
      <TableCell className="text-right">
        <div className="flex justify-end gap-1">
          {file ? (
            <Button
              variant="ghost"
              size="sm"
              pending={save.isPending}
              aria-label={
                file.role === 'errors'
                  ? t('jobs.download_errors_label')
                  : t('jobs.download', { name: file.name })
              }
              title={file.name}
              onClick={() => save.mutate({ id: file.file_id, name: file.name })}
            >
              {save.isPending ? null : <FileDown aria-hidden />}
              {file.role === 'errors' ? t('jobs.download_errors') : tCommon('common.download')}
            </Button>
          ) : null}
          {cancellable ? (
            <Button
              variant="ghost"
              size="sm"
              className="text-destructive hover:text-destructive"
              pending={cancel.isPending}
              aria-label={t('jobs.cancel_label')}
              onClick={() =>
                cancel.mutate(task.id, { onError: (error) => toast.error(problemMessage(error)) })
              }
            >
              {cancel.isPending ? null : <X aria-hidden />}
              {t('jobs.cancel')}
            </Button>
          ) : null}
        </div>
      </TableCell>
    </TableRow>
  );
}
