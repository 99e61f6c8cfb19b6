import type {
  ExportedFile,
  ImportResult,
  TaskProgress,
  TaskStarted,
  TaskState,
} from '../api/types';

/** What every task shape here has (`TaskState`, `TaskOf_ImportResult`…). */
type AnyTask = { status: string; task: string; result?: unknown };

/** The id of a task the API just started. */
export const startedId = (started: TaskStarted) => started.id;

/** Whether a task has stopped for good: nothing more to poll for. */
export const isSettled = (task: { status: string }) =>
  task.status === 'done' || task.status === 'failed' || task.status === 'cancelled';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An import task's result (preview or commit), once there is one. */
export function importResult(task: AnyTask | undefined): ImportResult | null {
  const result = task?.result;
  if (!isObject(result) || !Array.isArray(result.columns)) return null;
  return result as ImportResult;
}

/** A done export's file and its signed link; `null` otherwise. */
export function exportResult(task: AnyTask | undefined): ExportedFile | null {
  const result = task?.result;
  if (task?.status !== 'done' || !isObject(result)) return null;
  if (typeof result.file_id !== 'string' || typeof result.file_name !== 'string') return null;
  return result as ExportedFile;
}

/** What the jobs page calls a task, from its `task` and, for an import, whether it was a preview. */
export type TaskKind = 'import' | 'preview' | 'export' | 'hse_report' | 'other';

export function taskKind(task: AnyTask): TaskKind {
  switch (task.task) {
    case 'import_export.import':
      return importResult(task)?.dry_run ? 'preview' : 'import';
    case 'import_export.export':
      return 'export';
    case 'hse.export_report':
      return 'hse_report';
    default:
      return 'other';
  }
}

/** A file a finished task made, to download from the jobs page. */
export type TaskFile = { file_id: string; name: string; role: 'result' | 'errors' };

/**
 * The file a finished task left: an export's file (or an HSE report's), or the rejected
 * rows of an import; `null` while it runs, or when it made none.
 */
export function taskFile(task: TaskState): TaskFile | null {
  if (task.status !== 'done') return null;
  const imported = importResult(task);
  if (imported) {
    return imported.error_file_id
      ? {
          file_id: imported.error_file_id,
          name: errorFileName(imported.resource),
          role: 'errors',
        }
      : null;
  }
  const result = task.result;
  if (!isObject(result)) return null;
  const { file_id, file_name } = result;
  if (typeof file_id !== 'string' || typeof file_name !== 'string') return null;
  return { file_id, name: file_name, role: 'result' };
}

/** The name the rejected rows of an import of `resource` are saved under. */
export const errorFileName = (resource: string) =>
  `${resource.replace(/[^\w-]+/g, '-')}-rejected-rows.csv`;

/** Rows done out of the total, when the task counts them (a total of 0 does not). */
export function counted(progress: TaskProgress | null | undefined): TaskProgress | null {
  return progress && progress.total > 0 ? progress : null;
}
