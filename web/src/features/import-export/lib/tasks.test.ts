import { describe, expect, it } from 'vitest';

import {
  COMMIT_TASK,
  ERROR_FILE,
  EXPORT_TASK,
  asResult,
  doneTask,
  importResult as preview,
  task,
} from '../testing/fixtures';
import { counted, exportResult, isSettled, taskFile, taskKind } from './tasks';

const exported = {
  file_id: '0193a7c2-0000-7000-8000-0000000010f9',
  file_name: 'users-2026-11-10.csv',
  rows: 42,
  link: {
    url: 'https://x/dl',
    path: '/api/v1/files/x/content?sig=1',
    expires_at: '2026-11-10T10:00:00Z',
  },
};

describe('isSettled', () => {
  it('is done, failed or cancelled; never queued or running', () => {
    expect(
      ['queued', 'running', 'done', 'failed', 'cancelled'].map((status) => isSettled({ status })),
    ).toEqual([false, false, true, true, true]);
  });
});

describe('taskKind', () => {
  it('tells a preview from an import by its result, and names exports and HSE reports', () => {
    expect(taskKind(doneTask(COMMIT_TASK, preview()))).toBe('preview');
    expect(taskKind(doneTask(COMMIT_TASK, preview({ dry_run: false })))).toBe('import');
    // Running, no result yet: an import.
    expect(taskKind(task({ status: 'running' }))).toBe('import');
    expect(taskKind(task({ task: 'import_export.export' }))).toBe('export');
    expect(taskKind(task({ task: 'hse.export_report' }))).toBe('hse_report');
    expect(taskKind(task({ task: 'hooks.webhook' }))).toBe('other');
  });
});

describe('taskFile', () => {
  it('offers a done import’s rejected rows, and a done export’s file', () => {
    const imported = doneTask(COMMIT_TASK, preview({ dry_run: false, error_file_id: ERROR_FILE }));
    expect(taskFile(imported)).toEqual({
      file_id: ERROR_FILE,
      name: 'users-rejected-rows.csv',
      role: 'errors',
    });
    const file = taskFile(doneTask(EXPORT_TASK, exported, { task: 'import_export.export' }));
    expect(file).toEqual({ file_id: exported.file_id, name: exported.file_name, role: 'result' });
  });

  it('offers nothing while a task runs, nor for an import without rejected rows', () => {
    expect(taskFile(task({ status: 'running', result: asResult(exported) }))).toBeNull();
    expect(taskFile(doneTask(COMMIT_TASK, preview({ dry_run: false })))).toBeNull();
  });
});

describe('exportResult and counted', () => {
  it('reads a done export’s file only', () => {
    expect(exportResult(doneTask(EXPORT_TASK, exported))).toEqual(exported);
    expect(exportResult(task({ status: 'failed', result: asResult(exported) }))).toBeNull();
    expect(exportResult(doneTask(EXPORT_TASK, { rows: 3 }))).toBeNull();
  });

  it('counts progress only with a total', () => {
    expect(counted({ done: 3, total: 10 })).toEqual({ done: 3, total: 10 });
    expect(counted({ done: 0, total: 0 })).toBeNull();
    expect(counted(null)).toBeNull();
  });
});
