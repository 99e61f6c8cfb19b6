import { Braces, ChevronDown, Download, FileSpreadsheet, FileText, Loader2 } from 'lucide-react';
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { problemMessage } from '@/lib/forms/apply-problem';
import type { TaskHandlers } from '@/lib/tasks/task-watcher';
import { useTaskWatcher, useWatchedTask } from '@/lib/tasks/task-watcher-provider';

import { downloadThroughLink } from '../api/download-file';
import { useResource } from '../api/get-resources';
import { useStartExport } from '../api/start-export';
import type { ExportedFile, ExportFormat } from '../api/types';
import { counted, exportResult, isSettled, startedId } from '../lib/tasks';

const FORMATS = [
  { format: 'csv', icon: FileText },
  { format: 'xlsx', icon: FileSpreadsheet },
  { format: 'json', icon: Braces },
] as const satisfies { format: ExportFormat; icon: unknown }[];

/** How long the "ready" toast stays: long enough to be seen from another page. */
const READY_TOAST_MS = 60_000;

/** Saves an export's file; a failure is toasted (the page that asked may be gone). */
const save = (file: ExportedFile) =>
  downloadThroughLink(file).catch((error: unknown) => toast.error(problemMessage(error)));

/**
 * A settled export: on the page that asked, its file downloads at once; from another
 * page, a toast says it is ready (with a Download button), or why it failed.
 */
function settle(
  task: { status: string; task: string; result?: unknown; error?: string | null },
  here: boolean,
  t: TFunction<'importExport'>,
) {
  if (task.status === 'cancelled') {
    toast(t('export.cancelled_toast'));
    return;
  }
  const file = exportResult(task);
  if (!file) {
    toast.error(t('export.failed_toast'), { description: task.error ?? undefined });
  } else if (here) {
    toast.success(t('export.saving', { name: file.file_name }));
    void save(file);
  } else {
    toast.success(t('export.ready_toast', { name: file.file_name }), {
      action: { label: t('export.download'), onClick: () => void save(file) },
      duration: READY_TOAST_MS,
    });
  }
}

/**
 * A list's "Export" menu (CSV, Excel, JSON): a file of what the list shows (`filters`, its
 * query parameters as sent to the server), made by a worker. The task is followed by the
 * signed-in layout's task watcher, so it goes on when the page is left; meanwhile the
 * button spins with the rows done. Shown only when the caller may export `resource`.
 */
export function ExportButton({
  resource,
  filters,
  label,
}: {
  resource: string;
  filters: Record<string, unknown>;
  /** The button's words, when "Export" alone would be ambiguous on its page. */
  label?: string;
}) {
  const { t } = useTranslation('importExport');
  const available = useResource(resource);
  const watcher = useTaskWatcher();
  const [taskId, setTaskId] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  // Whether the page that asked is still shown (false once it is left).
  const here = useRef(false);
  useEffect(() => {
    here.current = true;
    return () => {
      here.current = false;
    };
  }, []);

  // Told by the watcher, once: read at that moment, not when the export was asked for.
  const handlers: TaskHandlers = {
    onSettled: (task) => settle(task, here.current, t),
    onLost: (error) =>
      toast.error(t('export.failed_toast'), { description: problemMessage(error) }),
  };
  const start = useStartExport((started) => {
    const id = startedId(started);
    setTaskId(id);
    watcher.watch(id, handlers);
  });
  const watched = useWatchedTask(taskId);
  const task = watched?.task;
  const running =
    start.isPending ||
    (taskId !== null &&
      watched !== undefined &&
      watched.lost === undefined &&
      !(task && isSettled(task)));

  if (!available?.exportable) return null;

  const progress = counted(task?.progress);
  const percent = progress ? Math.round((progress.done / progress.total) * 100) : null;
  const words = progress ? t('export.progress', progress) : t('export.progress_unknown');

  return (
    <>
      <DropdownMenu open={open} onOpenChange={(next) => setOpen(next && !running)}>
        <DropdownMenuTrigger asChild>
          <Button
            variant="outline"
            aria-disabled={running || undefined}
            aria-busy={running || undefined}
          >
            {running ? <Loader2 className="animate-spin" aria-hidden /> : <Download aria-hidden />}
            {running
              ? percent === null
                ? t('export.starting')
                : t('export.running', { percent })
              : (label ?? t('export.button'))}
            {running ? null : <ChevronDown className="opacity-60" aria-hidden />}
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>{t('export.menu')}</DropdownMenuLabel>
          {FORMATS.map(({ format, icon: Icon }) => (
            <DropdownMenuItem
              key={format}
              onSelect={() =>
                start.mutate(
                  { resource, format, filters },
                  { onError: (error) => toast.error(problemMessage(error)) },
                )
              }
            >
              <Icon aria-hidden />
              {t(`export.formats.${format}`)}
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      <span role="status" className="sr-only">
        {running ? words : ''}
      </span>
    </>
  );
}
