import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { UploadProgress } from '@/lib/api/upload';
import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

import type { ImportResult, TaskState } from '../api/types';
import {
  COMMIT_TASK,
  ERROR_FILE,
  FILE_ID,
  PREVIEW_TASK,
  REMAPPED_TASK,
  doneTask,
  importResult,
  resources,
  task,
} from '../testing/fixtures';
import { renderImportExport } from '../testing/render-import-export';
import { ImportPage } from './import-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
const upload = vi.hoisted(() => ({ postFile: vi.fn() }));
vi.mock('@/lib/api/upload', () => upload);
const download = vi.hoisted(() => ({ saveBlob: vi.fn(), saveFile: vi.fn() }));
vi.mock('@/lib/download', () => download);

const ERRORS_CSV = new Blob(['email,full_name,reason\n'], { type: 'text/csv' });
const UPLOADED = {
  id: FILE_ID,
  name: 'new-staff.csv',
  purpose: 'import_export.file',
  content_type: 'text/csv',
  size: 120,
  sha256: '0'.repeat(64),
  has_thumbnail: false,
  created_at: '2026-11-10T09:00:00Z',
};

/**
 * The API: the resources, then each task's states in turn (the last one from then on);
 * `POST /imports` answers the preview tasks of `previews` in turn.
 */
function serve({
  tasks,
  previews = [PREVIEW_TASK],
}: {
  tasks: Record<string, TaskState[]>;
  previews?: string[];
}) {
  const states = Object.fromEntries(Object.entries(tasks).map(([id, list]) => [id, [...list]]));
  const ids = [...previews];
  api.GET.mockImplementation((path: string, init?: { params: { path: { id: string } } }) => {
    if (path === '/api/v1/imports/resources') return Promise.resolve(answer(resources));
    if (path === '/api/v1/tasks/{id}') {
      const list = states[init!.params.path.id]!;
      return Promise.resolve(answer(list.length > 1 ? list.shift() : list[0]));
    }
    if (path === '/api/v1/files/{id}/content') return Promise.resolve(answer(ERRORS_CSV));
    throw new Error(`unexpected GET ${path}`);
  });
  api.POST.mockImplementation((path: string) => {
    if (path === '/api/v1/imports') return Promise.resolve(answer(task({ id: ids.shift() }), 202));
    if (path === '/api/v1/imports/{id}/commit')
      return Promise.resolve(answer(task({ id: COMMIT_TASK }), 202));
    if (path === '/api/v1/tasks/{id}/cancel') return Promise.resolve(answer(null, 202));
    throw new Error(`unexpected POST ${path}`);
  });
}

/** The file sent, its progress shown until `finish` lets the upload end. */
function holdUpload() {
  let finish!: () => void;
  upload.postFile.mockImplementation(
    (_url: string, { onProgress }: { onProgress: (progress: UploadProgress) => void }) =>
      new Promise((resolve) => {
        onProgress({ loaded: 60, total: 120 });
        finish = () => resolve(UPLOADED);
      }),
  );
  return () => finish();
}

function renderWizard() {
  const user = userEvent.setup();
  const rendered = renderImportExport(() => (
    <ImportPage resource="users" onResourceChange={vi.fn()} />
  ));
  return { user, ...rendered };
}

/** Sends the CSV through the file input and lets the upload end. */
async function sendFile(user: ReturnType<typeof userEvent.setup>, container: HTMLElement) {
  const finish = holdUpload();
  await screen.findByRole('button', { name: 'Choose a file' });
  const input = container.querySelector<HTMLInputElement>('input[type=file]')!;
  await user.upload(input, new File(['E-mail,Name\n'], 'new-staff.csv', { type: 'text/csv' }));
  finish();
}

/** A preview of three rows whose second has a wrong email address. */
const withBadEmail = (overrides: Partial<ImportResult> = {}) =>
  importResult({
    valid: 2,
    rejected: 1,
    problems: [
      { line: 3, column: 'email', code: 'invalid_email', message: 'Not an email address.' },
    ],
    rows: [
      { line: 2, values: { email: 'ana@example.com', full_name: 'Ana Lopes' }, problems: [] },
      {
        line: 3,
        values: { email: 'ben(at)example.com', full_name: 'Ben Okafor' },
        problems: [
          { line: 3, column: 'email', code: 'invalid_email', message: 'Not an email address.' },
        ],
      },
      { line: 4, values: { email: 'chloe@example.com', full_name: 'Chloé Roux' }, problems: [] },
    ],
    ...overrides,
  });

const POLL = { timeout: 3000 };

beforeAll(async () => {
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('ImportPage', () => {
  it('sends the file with its progress, maps a missing column, and imports', async () => {
    const detected = importResult({
      mapping: { 'E-mail': 'email', Name: null, Notes: null },
      missing: ['full_name'],
      rows: [],
    });
    serve({
      previews: [PREVIEW_TASK, REMAPPED_TASK],
      tasks: {
        [PREVIEW_TASK]: [
          task({ status: 'running', progress: { done: 1, total: 3 } }),
          doneTask(PREVIEW_TASK, detected),
        ],
        [REMAPPED_TASK]: [
          task({ id: REMAPPED_TASK, status: 'running' }),
          doneTask(REMAPPED_TASK, importResult()),
        ],
        [COMMIT_TASK]: [doneTask(COMMIT_TASK, importResult({ dry_run: false, committed: true }))],
      },
    });
    const finish = holdUpload();
    const { user, container } = renderWizard();
    expect(await screen.findByLabelText('Data to import')).toHaveValue('users');
    expect(screen.getByText('Full name')).toBeInTheDocument();
    expect(screen.getByText('An existing record is recognised by: Email.')).toBeInTheDocument();

    // Step 1: the upload's progress, then the preview is asked for.
    const input = container.querySelector<HTMLInputElement>('input[type=file]')!;
    await user.upload(input, new File(['E-mail,Name\n'], 'new-staff.csv', { type: 'text/csv' }));
    const sending = await screen.findByRole('progressbar', { name: 'Uploading new-staff.csv' });
    expect(sending).toHaveAttribute('aria-valuenow', '50');
    expect(upload.postFile).toHaveBeenCalledWith(
      '/api/v1/files?purpose=import_export.file',
      expect.objectContaining({ file: expect.any(File) as unknown }),
    );
    finish();
    await waitFor(() =>
      expect(api.POST).toHaveBeenCalledWith('/api/v1/imports', {
        body: { file_id: FILE_ID, resource: 'users', mode: 'create' },
      }),
    );

    // Step 2: read with a required field left without a column; the step's heading has the focus.
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Check how the file reads' })).toHaveFocus(),
    );
    const banner = await screen.findByText(
      /No column provides the required field Full name/,
      {},
      POLL,
    );
    expect(banner).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import 3 rows' })).toBeDisabled();
    const nameColumn = screen.getByRole('combobox', { name: 'Field of column “Name”' });
    await user.selectOptions(nameColumn, 'full_name');
    // The choice stays shown (and focused) while the file is read again.
    expect(nameColumn).toHaveValue('full_name');
    expect(nameColumn).toHaveFocus();
    expect(await screen.findByText('Updating the preview…')).toBeInTheDocument();
    expect(nameColumn).toHaveValue('full_name');
    await waitFor(() =>
      expect(api.POST).toHaveBeenLastCalledWith('/api/v1/imports', {
        body: {
          file_id: FILE_ID,
          resource: 'users',
          mode: 'create',
          mapping: { 'E-mail': 'email', Name: 'full_name', Notes: null },
        },
      }),
    );
    expect(await screen.findByRole('cell', { name: 'Ana Lopes' }, POLL)).toBeInTheDocument();
    expect(screen.queryByText(/No column provides/)).not.toBeInTheDocument();
    const totals = screen.getByLabelText('What the file holds');
    expect(within(totals).getByText('Valid').nextSibling).toHaveTextContent('3');

    // Step 3 and 4: imported as previewed.
    await user.click(screen.getByRole('button', { name: 'Import 3 rows' }));
    expect(api.POST).toHaveBeenCalledWith('/api/v1/imports/{id}/commit', {
      params: { path: { id: REMAPPED_TASK } },
      body: {
        mode: 'create',
        valid_only: false,
        mapping: { 'E-mail': 'email', Name: 'full_name', Notes: null },
      },
    });
    expect(await screen.findByText('Import finished.', {}, POLL)).toBeInTheDocument();
    expect(
      within(screen.getByLabelText('Report')).getByText('Created').nextSibling,
    ).toHaveTextContent('3');
  });

  it('shows a refused cell in red with its message, and the line under the table', async () => {
    serve({ tasks: { [PREVIEW_TASK]: [doneTask(PREVIEW_TASK, withBadEmail())] } });
    const { user, container } = renderWizard();
    await sendFile(user, container);
    const cell = await screen.findByRole('cell', { name: /^ben\(at\)example\.com/ }, POLL);
    expect(cell).toHaveAttribute('data-invalid', 'true');
    expect(cell).toHaveAttribute('title', 'Not an email address.');
    expect(cell).toHaveClass('bg-red-50');
    expect(cell).toHaveTextContent('Error: Not an email address.');
    expect(screen.getByRole('cell', { name: 'ana@example.com' })).not.toHaveAttribute(
      'data-invalid',
    );
    const problems = screen.getByRole('region', { name: 'Errors line by line' });
    expect(within(problems).getByRole('listitem')).toHaveTextContent(
      'Line 3 — Email: Not an email address.',
    );

    // All or nothing by default: nothing to import while a row is wrong.
    const importAll = screen.getByRole('button', { name: 'Import 3 rows' });
    expect(importAll).toBeDisabled();
    expect(importAll).toHaveAccessibleDescription(
      'Some rows have errors: fix the file, or import the valid rows only.',
    );
    await user.click(screen.getByRole('checkbox', { name: 'Import valid rows only' }));
    expect(screen.getByRole('button', { name: 'Import 2 rows' })).toBeEnabled();
  });

  it('counts the rows as they are saved, then reports with the rejected rows to download', async () => {
    const committed = withBadEmail({
      dry_run: false,
      valid_only: true,
      committed: true,
      created: 2,
      error_file_id: ERROR_FILE,
    });
    serve({
      tasks: {
        [PREVIEW_TASK]: [doneTask(PREVIEW_TASK, withBadEmail())],
        [COMMIT_TASK]: [
          task({ id: COMMIT_TASK, status: 'running', progress: { done: 1, total: 2 } }),
          doneTask(COMMIT_TASK, committed),
        ],
      },
    });
    const { user, container } = renderWizard();
    await sendFile(user, container);
    await user.click(await screen.findByRole('checkbox', { name: 'Import valid rows only' }, POLL));
    await user.click(screen.getByRole('button', { name: 'Import 2 rows' }));
    expect(api.POST).toHaveBeenCalledWith('/api/v1/imports/{id}/commit', {
      params: { path: { id: PREVIEW_TASK } },
      body: expect.objectContaining({ mode: 'create', valid_only: true }) as unknown,
    });

    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '1');
    expect(bar).toHaveAttribute('aria-valuemax', '2');
    expect(bar).toHaveAttribute('aria-valuetext', '1 / 2 rows');
    expect(screen.getByRole('button', { name: 'Cancel the import' })).toBeInTheDocument();

    const report = await screen.findByLabelText('Report', {}, POLL);
    expect(screen.getByRole('heading', { name: 'Report' })).toHaveFocus();
    expect(within(report).getByText('Created').nextSibling).toHaveTextContent('2');
    expect(within(report).getByText('Rejected').nextSibling).toHaveTextContent('1');
    expect(
      within(screen.getByRole('region', { name: 'Errors line by line' })).getByRole('listitem'),
    ).toHaveTextContent('Line 3 — Email: Not an email address.');
    await user.click(screen.getByRole('button', { name: 'Download the rejected rows (CSV)' }));
    await waitFor(() =>
      expect(download.saveBlob).toHaveBeenCalledWith(ERRORS_CSV, 'users-rejected-rows.csv'),
    );
    expect(api.GET).toHaveBeenCalledWith('/api/v1/files/{id}/content', {
      params: { path: { id: ERROR_FILE } },
      parseAs: 'blob',
    });

    // Fix and re-import: the first step again, on the same resource.
    await user.click(screen.getByRole('button', { name: 'Fix and re-import' }));
    expect(await screen.findByRole('button', { name: 'Choose a file' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Choose the data and the file' })).toHaveFocus();
    expect(screen.getByLabelText('Data to import')).toHaveValue('users');
  });

  it('cancels a running import, which then writes nothing', async () => {
    serve({
      tasks: {
        [PREVIEW_TASK]: [doneTask(PREVIEW_TASK, importResult())],
        [COMMIT_TASK]: [
          task({ id: COMMIT_TASK, status: 'running', progress: { done: 1, total: 3 } }),
        ],
      },
    });
    const { user, container } = renderWizard();
    await sendFile(user, container);
    await user.click(await screen.findByRole('button', { name: 'Import 3 rows' }, POLL));
    await user.click(await screen.findByRole('button', { name: 'Cancel the import' }));
    expect(api.POST).toHaveBeenCalledWith('/api/v1/tasks/{id}/cancel', {
      params: { path: { id: COMMIT_TASK } },
    });
    api.GET.mockImplementation((path: string) =>
      Promise.resolve(
        answer(
          path === '/api/v1/imports/resources'
            ? resources
            : task({ id: COMMIT_TASK, status: 'cancelled', finished_at: '2026-11-10T09:00:03Z' }),
        ),
      ),
    );
    expect(
      await screen.findByText('Import cancelled: no row was saved.', {}, POLL),
    ).toBeInTheDocument();
    expect(screen.queryByText('Created')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Fix and re-import' })).toBeInTheDocument();
  });
});
