import { Download, Loader2 } from 'lucide-react';
import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { problemMessage } from '@/lib/forms/apply-problem';
import { isSettled, type TaskHandlers, type WatchedTask } from '@/lib/tasks/task-watcher';
import { useTaskWatcher, useWatchedTask } from '@/lib/tasks/task-watcher-provider';

import { downloadReport } from '../api/download-report';
import { useRequestReport } from '../api/request-report';
import type { IncidentQuery } from '../lib/list-search';
import { type ReportFile, reportFile, type TaskState } from '../lib/report';
import { type ExportStage, ExportDialog } from './export-dialog';

/** Saves an export's file; a failure is toasted (the page that asked may be gone). */
const saveFile = (file: ReportFile) =>
  downloadReport(file).catch((error: unknown) => toast.error(problemMessage(error)));

/** How long the "ready" toast stays: long enough to be seen from another page. */
const READY_TOAST_MS = 60_000;

/** A settled export, told to someone not looking at its dialog: its file, or why not. */
function announce(task: TaskState, t: TFunction<'hse'>) {
  const file = reportFile(task);
  if (file) {
    toast.success(t('export.ready_toast', { name: file.file_name }), {
      action: { label: t('export.download'), onClick: () => void saveFile(file) },
      duration: READY_TOAST_MS,
    });
  } else {
    toast.error(t('export.failed_toast'), { description: task.error ?? undefined });
  }
}

/**
 * The incident list's "Export" button and dialog: a period report (PDF) or a workbook
 * (XLSX) of what the list shows (`query`, its filters as sent to the server). The task
 * is followed by the signed-in layout's task watcher, not here: with the dialog open, its
 * file downloads once by itself; closed, or once the user has gone to another page, a
 * toast says when it is ready (with a Download button) or why it failed.
 */
export function ExportButton({
  query,
  filtered,
  count,
}: {
  query: IncidentQuery;
  filtered: boolean;
  /** How many incidents the list holds, when it knows (every page loaded). */
  count?: number;
}) {
  const { t } = useTranslation('hse');
  const [open, setOpen] = useState(false);
  const watcher = useTaskWatcher();

  const { mutate: save, isPending: saving } = useMutation({
    mutationFn: downloadReport,
    onError: (error) => toast.error(problemMessage(error)),
  });

  // Whether the dialog shows the export now (false once this page is left).
  const shown = useRef(false);
  useEffect(() => {
    shown.current = open;
    return () => {
      shown.current = false;
    };
  }, [open]);

  // Told by the watcher, once: read at that moment, not when the export was asked for.
  const handlers: TaskHandlers = {
    onSettled: (task) => {
      if (!shown.current) announce(task, t);
      else {
        const file = reportFile(task);
        if (file) save(file);
      }
    },
    onLost: (error) => {
      if (!shown.current) {
        toast.error(t('export.failed_toast'), { description: problemMessage(error) });
      }
    },
  };
  // Followed even when the page is left while the request is on its way.
  const request = useRequestReport(query, (task) => watcher.watch(task.id, handlers, task));
  const watched = useWatchedTask(request.data?.id ?? null);
  const state = watched?.task ?? request.data;
  const running = state !== undefined && !isSettled(state) && watched?.lost === undefined;

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    // A settled or refused export is forgotten when closed; one asked for or running goes on.
    if (!next && !running && !request.isPending) request.reset();
  };

  const scope = t(filtered ? 'export.scope_filtered' : 'export.scope_all', { count });
  const stage = stageOf(request, watched, saving);

  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        {running ? <Loader2 className="animate-spin" aria-hidden /> : <Download aria-hidden />}
        {t('export.button')}
      </Button>
      <ExportDialog
        open={open}
        onOpenChange={onOpenChange}
        scope={scope}
        stage={stage}
        onChoose={(format) => request.mutate(format)}
        onDownload={() => {
          const file = state && reportFile(state);
          if (file) save(file);
        }}
        onRestart={() => request.reset()}
        onRetry={() => {
          // Lost touch with the task: ask again; a failed one: export again.
          if (stage.stage === 'lost' && request.data) watcher.watch(request.data.id, handlers);
          else if (request.variables) request.mutate(request.variables);
        }}
      />
    </>
  );
}

function stageOf(
  request: ReturnType<typeof useRequestReport>,
  watched: WatchedTask | undefined,
  saving: boolean,
): ExportStage {
  if (!request.data) {
    return {
      stage: 'choose',
      pending: request.isPending ? request.variables : undefined,
      error: request.error ?? undefined,
    };
  }
  const format = request.variables ?? 'pdf';
  const state = watched?.task ?? request.data;
  if (state.status === 'failed') return { stage: 'failed', error: state.error ?? null };
  if (state.status === 'done') {
    const file = reportFile(state);
    return file ? { stage: 'done', file, saving } : { stage: 'failed', error: null };
  }
  // Polling failed for good (retries spent): say why rather than spin forever.
  if (watched?.lost !== undefined) return { stage: 'lost', error: watched.lost };
  return { stage: 'running', format, task: state };
}
