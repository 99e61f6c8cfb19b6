import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toast } from 'sonner';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';

import type { TaskState } from '../api/types';
import { EXPORT_TASK, doneTask, resources, task, usersResource } from '../testing/fixtures';
import { renderImportExport } from '../testing/render-import-export';
import { ExportButton } from './export-button';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
const download = vi.hoisted(() => ({ saveBlob: vi.fn(), saveFile: vi.fn() }));
vi.mock('@/lib/download', () => download);
vi.mock('sonner', () => ({ toast: Object.assign(vi.fn(), { success: vi.fn(), error: vi.fn() }) }));

const FILE = '0193a7c2-0000-7000-8000-0000000010f9';
const exported = {
  file_id: FILE,
  file_name: 'users-2026-11-10.xlsx',
  rows: 42,
  link: {
    url: 'https://opsflux.example.com/api/v1/files/x/content?sig=abc',
    path: '/api/v1/files/x/content?sig=abc',
    // A signed link lasts minutes: still good when the test runs.
    expires_at: new Date(Date.now() + 10 * 60_000).toISOString(),
  },
};

/** The API: the resources (`available` of them), then the export task's states in turn. */
function serve(states: TaskState[], available = resources) {
  const answers = [...states];
  api.GET.mockImplementation((path: string) => {
    if (path === '/api/v1/imports/resources') return Promise.resolve(answer(available));
    if (path === '/api/v1/tasks/{id}')
      return Promise.resolve(answer(answers.length > 1 ? answers.shift() : answers[0]));
    throw new Error(`unexpected GET ${path}`);
  });
  api.POST.mockResolvedValue(answer(task({ id: EXPORT_TASK, task: 'import_export.export' }), 202));
}

const exportTask = (overrides: Partial<TaskState>) =>
  task({ id: EXPORT_TASK, task: 'import_export.export', ...overrides });

const POLL = { timeout: 4000 };

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('ExportButton', () => {
  it('exports what the list shows in the chosen format, with its progress, then saves the file', async () => {
    serve([
      exportTask({ status: 'running', progress: { done: 21, total: 42 } }),
      doneTask(EXPORT_TASK, exported, { task: 'import_export.export' }),
    ]);
    const user = userEvent.setup();
    renderImportExport(() => (
      <ExportButton resource="users" filters={{ q: 'ana', is_active: true }} />
    ));
    await user.click(await screen.findByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Excel (.xlsx)' }));
    expect(api.POST).toHaveBeenCalledWith('/api/v1/exports', {
      body: { resource: 'users', format: 'xlsx', filters: { q: 'ana', is_active: true } },
    });

    // The signed-in layout's watcher follows the task: rows done on the button meanwhile.
    expect(await screen.findByRole('button', { name: 'Exporting… 50%' }, POLL)).toHaveAttribute(
      'aria-busy',
      'true',
    );
    expect(screen.getByRole('status')).toHaveTextContent('Exporting: 21 / 42 rows');

    await waitFor(
      () =>
        expect(download.saveFile).toHaveBeenCalledWith(
          '/api/v1/files/x/content?sig=abc',
          'users-2026-11-10.xlsx',
        ),
      POLL,
    );
    expect(toast.success).toHaveBeenCalledWith('Downloading users-2026-11-10.xlsx.');
    expect(screen.getByRole('button', { name: 'Export' })).not.toHaveAttribute('aria-busy');
  });

  it('says why an export failed', async () => {
    serve([exportTask({ status: 'failed', error: 'The list changed while it was read.' })]);
    api.POST.mockResolvedValue(answer(exportTask({ status: 'queued' }), 202));
    const user = userEvent.setup();
    renderImportExport(() => <ExportButton resource="users" filters={{}} />);
    await user.click(await screen.findByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CSV' }));
    await waitFor(
      () =>
        expect(toast.error).toHaveBeenCalledWith('The export failed.', {
          description: 'The list changed while it was read.',
        }),
      POLL,
    );
    expect(download.saveFile).not.toHaveBeenCalled();
  });

  it('is not offered for a resource the caller may not export', async () => {
    serve([], [{ ...usersResource, exportable: false }]);
    renderImportExport(() => <ExportButton resource="users" filters={{}} />);
    await waitFor(() => expect(api.GET).toHaveBeenCalledWith('/api/v1/imports/resources'));
    // Give the answer a turn to render.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('button', { name: 'Export' })).not.toBeInTheDocument();
  });
});
