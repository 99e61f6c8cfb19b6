import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

import {
  COMMIT_TASK,
  ERROR_FILE,
  EXPORT_TASK,
  doneTask,
  importResult,
  resources,
  task,
} from '../testing/fixtures';
import { renderImportExport } from '../testing/render-import-export';
import { JobsPage } from './jobs-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
const download = vi.hoisted(() => ({ saveBlob: vi.fn(), saveFile: vi.fn() }));
vi.mock('@/lib/download', () => download);

const CSV = new Blob(['name\n'], { type: 'text/csv' });
const RUNNING = '0193a7c2-0000-7000-8000-0000000010b1';
const OLD_REPORT = '0193a7c2-0000-7000-8000-0000000010b2';

const running = task({
  id: RUNNING,
  task: 'import_export.export',
  status: 'running',
  progress: { done: 120, total: 480 },
  created_at: '2026-11-10T09:10:00Z',
});
const imported = doneTask(
  COMMIT_TASK,
  importResult({
    dry_run: false,
    committed: true,
    valid_only: true,
    created: 2,
    updated: 0,
    valid: 2,
    rejected: 1,
    error_file_id: ERROR_FILE,
  }),
  { created_at: '2026-11-10T09:05:00Z' },
);
const exported = doneTask(
  EXPORT_TASK,
  {
    file_id: '0193a7c2-0000-7000-8000-0000000010f9',
    file_name: 'sites-2026-11-10.csv',
    rows: 8,
    link: { url: 'https://x', path: '/x', expires_at: '2026-11-10T09:10:00Z' },
  },
  { task: 'import_export.export', created_at: '2026-11-10T09:01:00Z' },
);
const failed = task({
  id: OLD_REPORT,
  task: 'hse.export_report',
  status: 'failed',
  error: 'No incident in this period.',
  created_at: '2026-11-09T16:00:00Z',
  finished_at: '2026-11-09T16:00:02Z',
});

function serve(pages: Record<string, { items: unknown[]; next_cursor: string | null }>) {
  api.GET.mockImplementation((path: string, init?: { params: { query: { cursor?: string } } }) => {
    if (path === '/api/v1/imports/resources') return Promise.resolve(answer(resources));
    if (path === '/api/v1/tasks') {
      return Promise.resolve(answer(pages[init?.params.query.cursor ?? 'first']));
    }
    if (path === '/api/v1/files/{id}/content') return Promise.resolve(answer(CSV));
    throw new Error(`unexpected GET ${path}`);
  });
}

const rowOf = (text: string) => screen.getByText(text).closest('tr')!;

beforeAll(async () => {
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('JobsPage', () => {
  it('lists the tasks with their kind, status, progress and files, a page at a time', async () => {
    serve({
      first: { items: [running, imported, exported], next_cursor: 'page-2' },
      'page-2': { items: [failed], next_cursor: null },
    });
    const user = userEvent.setup();
    renderImportExport(() => <JobsPage />);

    const exporting = (await screen.findAllByText('Export'))[0]!.closest('tr')!;
    expect(within(exporting).getByText('Running')).toBeInTheDocument();
    const bar = within(exporting).getByRole('progressbar', { name: 'Job progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '120');
    expect(bar).toHaveAttribute('aria-valuetext', '120 / 480');
    expect(within(exporting).getByRole('button', { name: 'Cancel this job' })).toBeInTheDocument();

    const importRow = rowOf('Import');
    expect(within(importRow).getByText('Done')).toBeInTheDocument();
    expect(
      within(importRow).getByText('Users · created: 2 · updated: 0 · rejected: 1'),
    ).toBeInTheDocument();
    await user.click(
      within(importRow).getByRole('button', { name: 'Download the rejected rows of this import' }),
    );
    await waitFor(() =>
      expect(download.saveBlob).toHaveBeenCalledWith(CSV, 'users-rejected-rows.csv'),
    );
    expect(api.GET).toHaveBeenCalledWith('/api/v1/files/{id}/content', {
      params: { path: { id: ERROR_FILE } },
      parseAs: 'blob',
    });

    const exportRow = rowOf('sites-2026-11-10.csv');
    expect(
      within(exportRow).getByRole('button', { name: 'Download sites-2026-11-10.csv' }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show more' }));
    const report = (await screen.findByText('HSE report')).closest('tr')!;
    expect(within(report).getByText('Failed')).toBeInTheDocument();
    expect(within(report).getByText('No incident in this period.')).toBeInTheDocument();
    expect(api.GET).toHaveBeenCalledWith('/api/v1/tasks', {
      params: { query: { limit: 20, cursor: 'page-2' } },
    });
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
  });

  it('says what the page is for while there is no task', async () => {
    serve({ first: { items: [], next_cursor: null } });
    renderImportExport(() => <JobsPage />);
    expect(await screen.findByText('No jobs yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New import' })).toHaveAttribute(
      'href',
      '/imports/new',
    );
  });
});
