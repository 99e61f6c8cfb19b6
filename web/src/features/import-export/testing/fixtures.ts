import type { FieldOut, ImportResult, ResourceOut, TaskState } from '../api/types';

export const FILE_ID = '0193a7c2-0000-7000-8000-0000000010f1';
export const PREVIEW_TASK = '0193a7c2-0000-7000-8000-0000000010a1';
export const REMAPPED_TASK = '0193a7c2-0000-7000-8000-0000000010a2';
export const COMMIT_TASK = '0193a7c2-0000-7000-8000-0000000010c1';
export const EXPORT_TASK = '0193a7c2-0000-7000-8000-0000000010e1';
export const ERROR_FILE = '0193a7c2-0000-7000-8000-0000000010ef';

const field = (overrides: Partial<FieldOut> & Pick<FieldOut, 'name' | 'label'>): FieldOut => ({
  kind: 'text',
  required: false,
  example: '',
  choices: [],
  ...overrides,
});

/** The users resource's fields, as `GET /imports/resources` gives them in English. */
export const userFields: FieldOut[] = [
  field({
    name: 'email',
    label: 'Email',
    kind: 'email',
    required: true,
    example: 'jo@example.com',
  }),
  field({ name: 'full_name', label: 'Full name', required: true, example: 'Jo Diver' }),
  field({ name: 'roles', label: 'Roles', kind: 'list', example: 'viewer' }),
  field({ name: 'locale', label: 'Language', kind: 'choice', choices: ['fr', 'en'] }),
];

export const usersResource: ResourceOut = {
  name: 'users',
  label: 'Users',
  fields: userFields,
  key: ['email'],
  importable: true,
  exportable: true,
};

export const sitesResource: ResourceOut = {
  name: 'sites',
  label: 'Sites',
  fields: [
    field({ name: 'name', label: 'Name', required: true, example: 'Platform Alpha' }),
    field({ name: 'kind', label: 'Kind', kind: 'choice', choices: ['platform', 'vessel'] }),
  ],
  key: ['name'],
  importable: true,
  exportable: true,
};

/** HSE incidents are exported, never imported. */
export const incidentsResource: ResourceOut = {
  name: 'hse.incidents',
  label: 'HSE incidents',
  fields: [field({ name: 'number', label: 'Number' })],
  key: ['number'],
  importable: false,
  exportable: true,
};

export const resources = [usersResource, sitesResource, incidentsResource];

/** A preview of a users file of three rows, all valid, with what a test cares about changed. */
export function importResult(overrides: Partial<ImportResult> = {}): ImportResult {
  return {
    dry_run: true,
    resource: 'users',
    mode: 'create',
    valid_only: false,
    columns: ['E-mail', 'Name', 'Notes'],
    mapping: { 'E-mail': 'email', Name: 'full_name', Notes: null },
    missing: [],
    total: 3,
    valid: 3,
    rejected: 0,
    created: 3,
    updated: 0,
    committed: false,
    cancelled: false,
    problems: [],
    rows: [
      { line: 2, values: { email: 'ana@example.com', full_name: 'Ana Lopes' }, problems: [] },
      { line: 3, values: { email: 'ben@example.com', full_name: 'Ben Okafor' }, problems: [] },
      { line: 4, values: { email: 'chloe@example.com', full_name: 'Chloé Roux' }, problems: [] },
    ],
    error_file_id: null,
    ...overrides,
  };
}

/** Any result as `TaskState.result` (an untyped object in the schema). */
export const asResult = (result: unknown) => result as TaskState['result'];

/** A task as `GET /tasks/{id}` gives it, queued unless told otherwise. */
export function task(overrides: Partial<TaskState> = {}): TaskState {
  return {
    id: PREVIEW_TASK,
    task: 'import_export.import',
    status: 'queued',
    attempts: 0,
    params: {},
    progress: null,
    result: null,
    error: null,
    created_at: '2026-11-10T09:00:00Z',
    finished_at: null,
    ...overrides,
  };
}

/** A task done with `result`. */
export const doneTask = (id: string, result: unknown, overrides: Partial<TaskState> = {}) =>
  task({
    id,
    status: 'done',
    result: asResult(result),
    finished_at: '2026-11-10T09:00:05Z',
    ...overrides,
  });
