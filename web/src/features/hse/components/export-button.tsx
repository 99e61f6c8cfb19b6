import { Download, Loader2 } from 'lucide-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { problemMessage } from '@/lib/forms/apply-problem';

import { downloadReport } from '../api/download-report';
import { useTask } from '../api/get-task';
import { useRequestReport } from '../api/request-report';
import type { IncidentQuery } from '../lib/list-search';
import { isSettled, reportFile } from '../lib/report';
import { type ExportStage, ExportDialog } from './export-dialog';

/**
 * The incident list's "Export" button and dialog: a period report (PDF) or a workbook
 * (XLSX) of what the list shows (`query`, its filters as sent to the server). The task
 * is followed here, not in the dialog: closed, the export goes on, and a toast says when
 * it is ready (while the list stays open). Open, its file downloads once by itself.
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
  const request = useRequestReport(query);
  const task = useTask(request.data?.id ?? null);
  const state = task.data;
  const running = state !== undefined && !isSettled(state);

  const { mutate: save, isPending: saving } = useMutation({
    mutationFn: downloadReport,
    onError: (error) => toast.error(problemMessage(error)),
  });

  // Once per task, when it settles: its file saved if the dialog shows it, else a toast.
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!state || !isSettled(state) || announced.current === state.id) return;
    announced.current = state.id;
    const file = reportFile(state);
    if (open) {
      if (file) save(file);
    } else if (file) {
      toast.success(t('export.ready_toast', { name: file.file_name }), {
        action: { label: t('export.download'), onClick: () => save(file) },
      });
    } else {
      toast.error(t('export.failed_toast'), { description: state.error ?? undefined });
    }
  }, [state, open, save, t]);

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    // A settled or refused export is forgotten when closed; one asked for or running goes on.
    if (!next && !running && !request.isPending) request.reset();
  };

  const scope = t(filtered ? 'export.scope_filtered' : 'export.scope_all', { count });
  const stage = stageOf(request, task, saving);

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
          if (stage.stage === 'lost') void task.refetch();
          else if (request.variables) request.mutate(request.variables);
        }}
      />
    </>
  );
}

function stageOf(
  request: ReturnType<typeof useRequestReport>,
  task: ReturnType<typeof useTask>,
  saving: boolean,
): ExportStage {
  const state = task.data;
  if (!request.data) {
    return {
      stage: 'choose',
      pending: request.isPending ? request.variables : undefined,
      error: request.error ?? undefined,
    };
  }
  const format = request.variables ?? 'pdf';
  if (!state) return { stage: 'running', format, task: request.data };
  if (state.status === 'failed') return { stage: 'failed', error: state.error ?? null };
  if (state.status === 'done') {
    const file = reportFile(state);
    return file ? { stage: 'done', file, saving } : { stage: 'failed', error: null };
  }
  // Polling failed for good (retries spent): say why rather than spin forever.
  if (task.isError) return { stage: 'lost', error: task.error };
  return { stage: 'running', format, task: state };
}
