/**
 * The import/export API's types: the generated schema's (`make openapi`), named for the
 * feature, plus the few unions the UI narrows on.
 */
import type { Schemas } from '@/lib/api/client';

export type FieldKind = Schemas['FieldKindOut'];
export type FieldOut = Schemas['FieldOut'];
export type ResourceOut = Schemas['ResourceOut'];

export type TemplateFormat = Schemas['FileFormat'];
export type ExportFormat = Schemas['FileFormat'];

export type ImportMode = Schemas['Mode'];
/** File column header → field name, or `null` for a column left out. */
export type Mapping = Record<string, string | null>;

export type PreviewIn = Schemas['ImportIn'];
export type CommitIn = Schemas['CommitIn'];

export type RowProblem = Schemas['RowProblem'];
export type PreviewRow = Schemas['PreviewRow'];
export type ImportResult = Schemas['ImportResult'];

export type ExportIn = Schemas['ExportParams'];
export type SignedLink = Schemas['SignedLink'];
export type ExportResult = Schemas['ExportResult'];
/** A done export's result: it made a file. */
export type ExportedFile = ExportResult & { file_id: string; file_name: string };

/** What `TaskState.status` says, as the UI narrows it. */
export type TaskStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type TaskProgress = Schemas['TaskProgress'];
export type TaskState = Schemas['TaskState'];
/** The `202` of a started import, preview or export: the task to follow. */
export type TaskStarted = Schemas['TaskOf_ImportResult'] | Schemas['TaskOf_ExportResult'];
export type TaskPage = Schemas['Page_TaskState'];
