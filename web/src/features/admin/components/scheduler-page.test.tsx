import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type * as React from 'react';
import { toast } from 'sonner';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Schemas } from '@/lib/api/client';
import { meQueryOptions } from '@/lib/auth/me';
import { permissionsQueryOptions, type Grants } from '@/lib/auth/permissions';
import { i18n } from '@/lib/i18n';

import { SchedulerPage } from './scheduler-page';

type Run = Schemas['RunOut'];
type Job = Schemas['PeriodicJobOut'];

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn() } }));

const ok = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });
const problem = (status: number, code: string, detail: string) => ({
  error: { type: 'about:blank', title: 'Refused', status, code, detail },
  response: new Response(null, { status }),
});

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const run = (fields: Partial<Run>): Run => ({
  id: 'run-1',
  job: 'auth.purge_expired',
  trigger: 'schedule',
  status: 'succeeded',
  started_at: ago(60_000),
  finished_at: ago(59_000),
  affected: 3,
  ...fields,
});
const purge: Job = {
  name: 'auth.purge_expired',
  label_fr: 'Supprimer les sessions terminées',
  label_en: 'Remove ended sessions',
  every_secs: 3600,
  time_zone: 'Europe/Paris',
  next_run_at: new Date(Date.now() + 12 * 60_000).toISOString(),
  last_run: run({ status: 'failed', error: 'database is gone', affected: null }),
};
const digest: Job = {
  name: 'reports.digest',
  label_fr: 'Envoyer le résumé',
  label_en: 'Send the digest',
  cron: '0 0 7 * * Mon-Fri',
  time_zone: 'Europe/Paris',
  next_run_at: null,
  last_run: null,
};

function renderPage(grants: Grants) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(permissionsQueryOptions().queryKey, grants);
  queryClient.setQueryData(meQueryOptions().queryKey, {
    user: { id: 'me', full_name: 'Demo Admin' },
  } as Schemas['MeOut']);
  const wrapper = ({ children }: { children: React.ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return render(<SchedulerPage />, { wrapper });
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});
afterEach(() => {
  vi.clearAllMocks();
});

describe('SchedulerPage', () => {
  it('shows each job’s schedule, next and last run; no run button below scope all', async () => {
    api.GET.mockResolvedValue(ok([purge, digest]));
    renderPage({ 'scheduler.view.job': 'company', 'scheduler.run.job': 'company' });

    expect(await screen.findByText('Remove ended sessions')).toBeInTheDocument();
    expect(screen.getAllByText('Every hour').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Monday to Friday at 07:00').length).toBeGreaterThan(0);
    expect(screen.getByText('0 0 7 * * Mon-Fri')).toBeInTheDocument();
    expect(screen.getByText('in 12 minutes')).toBeInTheDocument();
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('database is gone')).toBeInTheDocument();
    expect(screen.getByText('Never run')).toBeInTheDocument();
    expect(screen.getByText('Not planned')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Run now/ })).not.toBeInTheDocument();
  });

  it('runs a job, polls its runs until the run ends, then says how it went', async () => {
    const started = run({
      id: 'run-2',
      trigger: 'manual',
      triggered_by: 'me',
      status: 'running',
      started_at: ago(0),
      finished_at: null,
      affected: null,
    });
    const ended = { ...started, status: 'succeeded' as const, finished_at: ago(0), affected: 7 };
    let polls = 0;
    api.GET.mockImplementation((path: string) => {
      if (path === '/api/v1/scheduler/jobs') return Promise.resolve(ok([purge]));
      polls += 1;
      return Promise.resolve(ok({ items: [polls < 2 ? started : ended], next_cursor: null }));
    });
    api.POST.mockResolvedValue(ok(started));
    renderPage({ 'scheduler.view.job': 'all', 'scheduler.run.job': 'all' });

    fireEvent.click(await screen.findByRole('button', { name: 'Run now: Remove ended sessions' }));
    await waitFor(() =>
      expect(toast.success).toHaveBeenCalledWith('“Remove ended sessions” started.'),
    );
    expect(api.POST).toHaveBeenCalledWith('/api/v1/scheduler/jobs/{name}/run', {
      params: { path: { name: 'auth.purge_expired' } },
    });
    await waitFor(
      () =>
        expect(toast.success).toHaveBeenCalledWith(
          '“Remove ended sessions” finished: 7 rows processed.',
        ),
      { timeout: 5000 },
    );
    expect(polls).toBeGreaterThanOrEqual(2);
    const jobLists = api.GET.mock.calls.filter(([path]) => path === '/api/v1/scheduler/jobs');
    expect(jobLists.length).toBeGreaterThanOrEqual(3); // first load, after the start, after the end
  });

  it('says why a run is refused (409 job_running)', async () => {
    api.GET.mockImplementation((path: string) =>
      Promise.resolve(
        path === '/api/v1/scheduler/jobs' ? ok([purge]) : ok({ items: [], next_cursor: null }),
      ),
    );
    api.POST.mockResolvedValue(problem(409, 'job_running', '`auth.purge_expired` is running'));
    renderPage({ 'scheduler.view.job': 'all', 'scheduler.run.job': 'all' });

    fireEvent.click(await screen.findByRole('button', { name: 'Run now: Remove ended sessions' }));
    await waitFor(() =>
      expect(toast.error).toHaveBeenCalledWith(
        'This job is already running: wait for this run to end before starting another.',
      ),
    );
  });

  it('opens a job’s history: trigger, status, rows and a way to the next page', async () => {
    api.GET.mockImplementation((path: string) =>
      Promise.resolve(
        path === '/api/v1/scheduler/jobs'
          ? ok([purge])
          : ok({
              items: [
                run({ id: 'a', trigger: 'manual', triggered_by: 'me', affected: 1234 }),
                run({ id: 'b', status: 'failed', error: 'timeout', affected: null }),
              ],
              next_cursor: 'next',
            }),
      ),
    );
    renderPage({ 'scheduler.view.job': 'all' });

    const toggle = await screen.findByRole('button', { name: 'Remove ended sessions' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(await screen.findByRole('heading', { name: 'Run history' })).toBeInTheDocument();
    expect(await screen.findByText('Manual')).toBeInTheDocument();
    expect(screen.getByText('Scheduled')).toBeInTheDocument();
    expect(screen.getByText('by Demo Admin')).toBeInTheDocument();
    expect(screen.getByText('1,234')).toBeInTheDocument();
    expect(screen.getByText('timeout')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show more' })).toBeInTheDocument();
    expect(api.GET).toHaveBeenCalledWith('/api/v1/scheduler/jobs/{name}/runs', {
      params: { path: { name: 'auth.purge_expired' }, query: { cursor: undefined, limit: 20 } },
    });
  });
});
