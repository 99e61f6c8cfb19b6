/**
 * The import/export API's types, written by hand from the contract
 * (notes/import-export-api.md) because its routes are not in openapi/openapi.json yet.
 *
 * TO BE REPLACED BY THE GENERATED SCHEMA TYPES: once `make openapi` regenerates
 * `web/src/lib/api/schema.d.ts` with them, each type below becomes a `Schemas['<Name>']`
 * alias (from `@/lib/api/client`), `ImportExportPaths` goes away and `io-client.ts` uses
 * `api` itself. Nothing else in the app names these shapes.
 */
import type { Problem } from '@/lib/api/problem';

/* Resources: what may be imported or exported, and their fields. */

export type FieldKind = 'text' | 'email' | 'number' | 'date' | 'month' | 'bool' | 'choice' | 'list';

export type FieldOut = {
  name: string;
  /** In the caller's language. */
  label: string;
  kind: FieldKind;
  required: boolean;
  example: string;
  /** The codes a `choice` field accepts. */
  choices: string[];
};

export type ResourceOut = {
  /** `users`, `sites`, `hse.hours`, `hse.incidents` */
  name: string;
  label: string;
  fields: FieldOut[];
  /** The fields naming an existing record (for `upsert`). */
  key: string[];
  importable: boolean;
  exportable: boolean;
};

export type TemplateFormat = 'csv' | 'xlsx' | 'json';
export type ExportFormat = 'csv' | 'xlsx' | 'json';

/* Imports: a preview task, then a commit task. */

export type ImportMode = 'create' | 'upsert';
/** File column header → field name, or `null` for a column left out. */
export type Mapping = Record<string, string | null>;

export type PreviewIn = {
  file_id: string;
  resource: string;
  mapping?: Mapping;
  mode?: ImportMode;
};

export type CommitIn = { mode: ImportMode; valid_only: boolean; mapping?: Mapping };

/**
 * The `202` of a started task. The contract says `{ task_id }`; the backend being built
 * answers the task itself (`TaskState`, as `POST /hse/reports` does): both are read, by
 * `startedId` (lib/tasks.ts). Keep only the generated shape once the OpenAPI has it.
 */
export type TaskStarted = { task_id: string } | TaskState;

export type RowProblem = {
  /** The line in the file; the header is line 1. */
  line: number;
  /** The field's name, `null` for the whole row. */
  column: string | null;
  code: string;
  /** In the caller's language. */
  message: string;
};

export type PreviewRow = {
  line: number;
  /** Field → normalised value. */
  values: Record<string, string>;
  problems: RowProblem[];
};

export type ImportResult = {
  /** True for the preview. */
  dry_run: boolean;
  resource: string;
  mode: ImportMode;
  valid_only: boolean;
  /** The file's header cells, in order. */
  columns: string[];
  /** Header cell → field, auto-detected or as given. */
  mapping: Mapping;
  /** Required fields no column maps to (nothing was checked while any is missing). */
  missing: string[];
  total: number;
  valid: number;
  rejected: number;
  /** What was written (for a preview: what would be). */
  created: number;
  updated: number;
  /** Rows were written: false for previews, and for all-or-nothing imports with errors. */
  committed: boolean;
  cancelled: boolean;
  /** The first 500. */
  problems: RowProblem[];
  /** The first 20 rows. */
  rows: PreviewRow[];
  /** A CSV of the rejected rows with a `reason` column (`GET /files/{id}/content`). */
  error_file_id: string | null;
};

/* Exports. */

export type ExportIn = {
  resource: string;
  format: ExportFormat;
  /** The list's query parameters (`{ q: 'x', is_active: true }`). */
  filters?: Record<string, unknown>;
};

/** A signed link: works without the bearer token until it expires. */
export type SignedLink = { url: string; path: string; expires_at: string };

export type ExportResult = { file_id: string; file_name: string; rows: number; link: SignedLink };

/* Tasks: the caller's own, followed at `GET /tasks/{id}`. */

export type TaskStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type TaskProgress = { done: number; total: number };

export type TaskState = {
  id: string;
  /** `import_export.import`, `import_export.export`, `hse.export_report`… */
  task: string;
  status: TaskStatus;
  progress: TaskProgress | null;
  /** An `ImportResult` for imports, an `ExportResult` for exports; `null` until done. */
  result: unknown;
  error: string | null;
  created_at: string;
  finished_at: string | null;
};

export type TaskPage = { items: TaskState[]; next_cursor: string | null };

/* The routes, in openapi-typescript's shape, so openapi-fetch types every call. */

type Json<T> = { content: { 'application/json': T } };
type Failure = { content: { 'application/problem+json': Problem } };
type Bytes = { content: { 'application/octet-stream': Blob } };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type WithPath<Path, Query = never> = {
  query?: Query;
  header?: never;
  path: Path;
  cookie?: never;
};
type WithQuery<Query> = { query: Query; header?: never; path?: never; cookie?: never };
type Operation<Parameters, Responses, Body = never> = {
  parameters: Parameters;
  responses: Responses & { 400: Failure; 401: Failure; 403: Failure; 404: Failure; 422: Failure };
} & ([Body] extends [never] ? { requestBody?: never } : { requestBody: Body });
type Methods = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
/** A path with the operations given; every other method `never`, as openapi-typescript writes it. */
type Route<Operations extends Partial<Record<Methods, unknown>>> = { parameters: NoParams } & {
  [Method in Exclude<Methods, keyof Operations>]?: never;
} & Operations;

type Accepted = { 202: Json<TaskStarted> };

export type ImportExportPaths = {
  '/api/v1/imports/resources': Route<{ get: Operation<NoParams, { 200: Json<ResourceOut[]> }> }>;
  '/api/v1/imports/resources/{name}/template': Route<{
    get: Operation<WithPath<{ name: string }, { format: TemplateFormat }>, { 200: Bytes }>;
  }>;
  '/api/v1/imports': Route<{ post: Operation<NoParams, Accepted, Json<PreviewIn>> }>;
  '/api/v1/imports/{id}/commit': Route<{
    post: Operation<WithPath<{ id: string }>, Accepted & { 409: Failure }, Json<CommitIn>>;
  }>;
  '/api/v1/exports': Route<{ post: Operation<NoParams, Accepted, Json<ExportIn>> }>;
  '/api/v1/tasks': Route<{
    get: Operation<WithQuery<{ limit?: number; cursor?: string }>, { 200: Json<TaskPage> }>;
  }>;
  '/api/v1/tasks/{id}': Route<{
    get: Operation<WithPath<{ id: string }>, { 200: Json<TaskState> }>;
  }>;
  '/api/v1/tasks/{id}/cancel': Route<{
    post: Operation<WithPath<{ id: string }>, { 202: { content?: never }; 409: Failure }>;
  }>;
};
