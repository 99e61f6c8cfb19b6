import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type * as React from 'react';
import { type Action, toast } from 'sonner';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Grants } from '@/lib/auth/permissions';
import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

import type { IncidentSearch } from '../lib/list-search';
import type { TaskState } from '../lib/report';
import { incident, reporter, renderHse } from '../testing/render-hse';
import { IncidentsPage } from './incidents-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
const download = vi.hoisted(() => ({ saveBlob: vi.fn() }));
vi.mock('@/lib/download', () => download);

const exporter: Grants = { ...reporter, 'hse.export.report': 'company' };
const FILE_ID = '0193a7c2-0000-7000-8000-0000000003f1';
const PDF = new Blob(['%PDF-1.7'], { type: 'application/pdf' });

const task = (overrides: Partial<TaskState> = {}): TaskState => ({
  id: '0193a7c2-0000-7000-8000-0000000003a1',
  task: 'hse.export_report',
  status: 'queued',
  attempts: 0,
  params: {},
  progress: null,
  result: null,
  error: null,
  created_at: '2026-11-03T10:00:00Z',
  finished_at: null,
  ...overrides,
});

const done = task({
  status: 'done',
  attempts: 1,
  progress: { done: 12, total: 12 },
  result: { file_id: FILE_ID, file_name: 'incidents-2026-11.pdf', incidents: 12 } as never,
});

/** The API: one page of incidents (`more` pages after it), then `polled` for the task. */
function serve({ polled = [done], more = false }: { polled?: TaskState[]; more?: boolean } = {}) {
  const answers = [...polled];
  api.GET.mockImplementation((path: string) => {
    if (path === '/api/v1/hse/incidents')
      return Promise.resolve(answer({ items: [incident()], next_cursor: more ? 'next' : null }));
    if (path === '/api/v1/tasks/{id}')
      return Promise.resolve(answer(answers.length > 1 ? answers.shift() : answers[0]));
    if (path === '/api/v1/files/{id}/content') return Promise.resolve(answer(PDF));
    throw new Error(`unexpected GET ${path}`);
  });
}

function renderPage(search: IncidentSearch = {}, grants = exporter) {
  renderHse(() => <IncidentsPage search={search} onSearchChange={vi.fn()} />, grants);
}

/** The list, and a link away from it (to a page with no export on it). */
function ListThenElsewhere() {
  const [here, setHere] = useState(true);
  if (!here) return <p>Another page</p>;
  return (
    <>
      <button onClick={() => setHere(false)}>Leave</button>
      <IncidentsPage search={{}} onSearchChange={vi.fn()} />
    </>
  );
}

/** Opens the export dialog and picks `format`'s button. */
async function exportAs(format: RegExp) {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Export' }));
  const dialog = await screen.findByRole('dialog', { name: 'Export the incidents' });
  await user.click(within(dialog).getByRole('button', { name: format }));
  return { user, dialog };
}

const POLL = { timeout: 3000 };

beforeAll(async () => {
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('ExportButton', () => {
  it('is hidden without hse.export.report', async () => {
    serve();
    renderPage({}, reporter);
    await screen.findByText('INC-2026-00042');
    expect(screen.queryByRole('button', { name: 'Export' })).not.toBeInTheDocument();
  });

  it('exports what the list shows, in the chosen format', async () => {
    serve({ polled: [task({ status: 'running' })] });
    api.POST.mockResolvedValue(answer(task(), 202));
    renderPage({ severity: 'critical', occurred_from: '2026-11-01', assigned_to_me: true });
    await screen.findByText('INC-2026-00042');
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    // The list holds all its incidents: the dialog counts them.
    expect(
      await screen.findByText(
        'The filtered incident of the list will be exported, with its actions.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Excel workbook/ }));
    expect(api.POST).toHaveBeenCalledWith('/api/v1/hse/reports', {
      body: {
        format: 'xlsx',
        severity: 'critical',
        assigned_to_me: true,
        occurred_from: '2026-10-31T23:00:00Z',
      },
    });
  });

  it('says the incidents are those of the filtered list when it has more pages', async () => {
    serve({ more: true });
    renderPage({ status: 'submitted' });
    await screen.findByText('INC-2026-00042');
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(
      await screen.findByText(
        'The incidents of the filtered list will be exported, with their actions.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a running task’s incidents done out of the total', async () => {
    const running = task({ status: 'running', attempts: 1, progress: { done: 37, total: 120 } });
    serve({ polled: [running] });
    api.POST.mockResolvedValue(answer(running, 202));
    renderPage();
    await exportAs(/Period report/);
    const bar = await screen.findByRole('progressbar', { name: 'Export progress' });
    expect(bar).toHaveAttribute('aria-valuenow', '37');
    expect(bar).toHaveAttribute('aria-valuemax', '120');
    expect(bar).toHaveAttribute('aria-valuetext', '37 / 120 incidents');
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('Period report (PDF)')).toBeInTheDocument();
    expect(within(dialog).getByRole('status')).toHaveTextContent(/^Preparing the file… You can/);
  });

  it('polls the task, then saves its file once under the server’s name', async () => {
    serve({ polled: [task({ status: 'running', progress: { done: 3, total: 12 } }), done] });
    api.POST.mockResolvedValue(answer(task(), 202));
    renderPage();
    const { user, dialog } = await exportAs(/Period report/);
    expect(
      await within(dialog).findByText('File ready: incidents-2026-11.pdf', {}, POLL),
    ).toBeInTheDocument();
    await vi.waitFor(() =>
      expect(download.saveBlob).toHaveBeenCalledWith(PDF, 'incidents-2026-11.pdf'),
    );
    expect(api.GET).toHaveBeenCalledWith('/api/v1/files/{id}/content', {
      params: { path: { id: FILE_ID } },
      parseAs: 'blob',
    });
    expect(download.saveBlob).toHaveBeenCalledTimes(1);
    await user.click(within(dialog).getByRole('button', { name: 'Download' }));
    await vi.waitFor(() => expect(download.saveBlob).toHaveBeenCalledTimes(2));
  });

  it('shows the server’s reason when the task fails', async () => {
    const failed = task({
      status: 'failed',
      attempts: 3,
      error: 'The PDF engine ran out of memory.',
    });
    serve({ polled: [failed] });
    api.POST.mockResolvedValue(answer(task(), 202));
    renderPage();
    const { dialog } = await exportAs(/Period report/);
    const alert = await within(dialog).findByRole('alert', {}, POLL);
    expect(alert).toHaveTextContent('The export failed');
    expect(alert).toHaveTextContent('The PDF engine ran out of memory.');
    expect(download.saveBlob).not.toHaveBeenCalled();
  });

  it('goes on once closed, and says when the file is ready', async () => {
    const success = vi.spyOn(toast, 'success');
    serve({ polled: [task({ status: 'running' }), done] });
    api.POST.mockResolvedValue(answer(task(), 202));
    renderPage();
    const { user } = await exportAs(/Period report/);
    await screen.findByText(/You can close this window/);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(
      () =>
        expect(success).toHaveBeenCalledWith('Your export is ready: incidents-2026-11.pdf', {
          action: { label: 'Download', onClick: expect.any(Function) as unknown },
          duration: 60_000,
        }),
      POLL,
    );
    // Closed, nothing is saved until asked: the toast's button does.
    expect(download.saveBlob).not.toHaveBeenCalled();
    const action = success.mock.calls[0]?.[1]?.action as Action;
    action.onClick({} as React.MouseEvent<HTMLButtonElement>);
    await waitFor(() =>
      expect(download.saveBlob).toHaveBeenCalledWith(PDF, 'incidents-2026-11.pdf'),
    );
  });

  it('still says when the file is ready once the list is left, the dialog open', async () => {
    const success = vi.spyOn(toast, 'success');
    serve({ polled: [task({ status: 'running' }), done] });
    api.POST.mockResolvedValue(answer(task(), 202));
    renderHse(() => <ListThenElsewhere />, exporter);
    await exportAs(/Period report/);
    await screen.findByText(/You can close this window/);
    // The dialog is modal: a link of the sidebar is followed all the same.
    fireEvent.click(screen.getByRole('button', { name: 'Leave', hidden: true }));
    await screen.findByText('Another page');
    await waitFor(
      () =>
        expect(success).toHaveBeenCalledWith('Your export is ready: incidents-2026-11.pdf', {
          action: { label: 'Download', onClick: expect.any(Function) as unknown },
          duration: 60_000,
        }),
      POLL,
    );
    expect(download.saveBlob).not.toHaveBeenCalled();
    const action = success.mock.calls[0]?.[1]?.action as Action;
    action.onClick({} as React.MouseEvent<HTMLButtonElement>);
    await waitFor(() =>
      expect(download.saveBlob).toHaveBeenCalledWith(PDF, 'incidents-2026-11.pdf'),
    );
  });

  it('toasts the server’s reason when the export fails after the list is left', async () => {
    const error = vi.spyOn(toast, 'error');
    const failed = task({ status: 'failed', attempts: 3, error: 'No incident in this period.' });
    serve({ polled: [task({ status: 'running' }), failed] });
    api.POST.mockResolvedValue(answer(task(), 202));
    renderHse(() => <ListThenElsewhere />, exporter);
    const { user } = await exportAs(/Excel workbook/);
    await screen.findByText(/You can close this window/);
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Leave' }));
    await waitFor(
      () =>
        expect(error).toHaveBeenCalledWith('The incidents export failed.', {
          description: 'No incident in this period.',
        }),
      POLL,
    );
  });
});
