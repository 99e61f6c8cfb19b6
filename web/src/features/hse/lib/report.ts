import type { Schemas } from '@/lib/api/client';
import type { TaskState } from '@/lib/tasks/task-watcher';

export type ReportFormat = Schemas['ReportFormat'];
export type { TaskState };

/** The formats offered, in the order the export dialog shows them. */
export const REPORT_FORMATS = ['pdf', 'xlsx'] as const satisfies ReportFormat[];

/** What a finished export made: the file to download and how many incidents it holds. */
export type ReportFile = { file_id: string; file_name: string; incidents?: number };

/**
 * A done task's file, read from its `result` (the contract leaves it an open object):
 * `null` while it is not done, or when the result lacks a file.
 */
export function reportFile(task: TaskState): ReportFile | null {
  const result = task.result as Record<string, unknown> | null | undefined;
  if (task.status !== 'done' || !result) return null;
  const { file_id, file_name, incidents } = result;
  if (typeof file_id !== 'string' || typeof file_name !== 'string') return null;
  return { file_id, file_name, incidents: typeof incidents === 'number' ? incidents : undefined };
}
