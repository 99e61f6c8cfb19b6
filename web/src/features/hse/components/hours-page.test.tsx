import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';
import { alpha } from '@/testing/sites';

import type { HoursRow } from '../lib/kpis';
import { problem, renderHse } from '../testing/render-hse';
import { HoursPage } from './hours-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PUT: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));

const manager = { 'hse.view.kpi': 'company', 'hse.manage.hours': 'company' } as const;

const october: HoursRow = {
  id: '0193a7c2-0000-7000-8000-000000000h01',
  site_id: alpha.id,
  month: '2026-10',
  employee_hours: 18250.5,
  contractor_hours: 9120,
  updated_at: '2026-11-02T08:00:00Z',
};

function answerGets(hours: HoursRow[]) {
  api.GET.mockImplementation((path: string) => {
    if (path === '/api/v1/hse/hours') return Promise.resolve(answer(hours));
    if (path === '/api/v1/sites')
      return Promise.resolve(answer({ items: [alpha], next_cursor: null }));
    return Promise.resolve(answer(alpha));
  });
}

const renderPage = (grants: Record<string, string> = manager) =>
  renderHse(() => <HoursPage search={{}} onSearchChange={() => {}} />, grants as never);

beforeAll(async () => {
  await i18n.changeLanguage('en');
  // Editing a row scrolls the form into view; jsdom does not scroll.
  Object.assign(Element.prototype, { scrollIntoView: () => {} });
});

beforeEach(() => {
  vi.clearAllMocks();
  answerGets([october]);
});

describe('HoursPage', () => {
  it('lists the hours with their total, and no form for readers', async () => {
    renderPage({ 'hse.view.kpi': 'company' });
    const row = (await screen.findByText('October 2026')).closest('tr')!;
    expect(within(row).getByText('18,250.5')).toBeInTheDocument();
    expect(within(row).getByText('27,370.5')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(screen.queryByText('Import a CSV file')).not.toBeInTheDocument();
  });

  it('checks the month and hours before sending', async () => {
    renderPage();
    await screen.findByText('October 2026');
    await userEvent.clear(screen.getByLabelText('Month *'));
    await userEvent.type(screen.getByLabelText('Employee hours *'), '-5');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Choose a site.')).toBeInTheDocument();
    expect(screen.getByText('A month is written YYYY-MM, e.g. 2026-11.')).toBeInTheDocument();
    expect(screen.getByText('A number of hours, zero or more, e.g. 18250.5.')).toBeInTheDocument();
    expect(screen.getByText('This field is required.')).toBeInTheDocument();
    expect(api.PUT).not.toHaveBeenCalled();
  });

  it('corrects a month from the table, decimal comma accepted', async () => {
    api.PUT.mockResolvedValue(answer(october));
    renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Correct October 2026' }));
    const employees = screen.getByLabelText('Employee hours *');
    expect(employees).toHaveValue('18250.5');
    await userEvent.clear(employees);
    await userEvent.type(employees, '18300,25');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() =>
      expect(api.PUT).toHaveBeenCalledWith('/api/v1/hse/hours', {
        body: {
          site_id: alpha.id,
          month: '2026-10',
          employee_hours: 18300.25,
          contractor_hours: 9120,
        },
      }),
    );
  });

  it('previews a CSV file, then lists the lines the server refused', async () => {
    api.POST.mockResolvedValue(
      problem(422, 'validation_failed', [
        { field: 'lines[3].site', code: 'unknown_link', message: 'no site named “Beta”' },
        { field: 'lines[2].month', code: 'invalid_month', message: 'a month is written YYYY-MM' },
      ]),
    );
    const { container } = renderPage();
    await screen.findByText('October 2026');
    const csv =
      'site,month,employee_hours,contractor_hours\nPlatform Alpha,2026-1,10,0\nBeta,2026-10,5,5\n';
    await userEvent.upload(
      container.querySelector<HTMLInputElement>('input[type=file]')!,
      new File([csv], 'hours.csv', { type: 'text/csv' }),
    );
    expect(await screen.findByText('Preview of hours.csv')).toBeInTheDocument();
    expect(screen.getByText('2026-1')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText(/File refused: nothing was saved/)).toBeInTheDocument();
    const problems = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(problems).toEqual([
      'Line 2 — month: a month is written YYYY-MM',
      'Line 3 — site: no site by this name',
    ]);
    expect(api.POST).toHaveBeenCalledWith(
      '/api/v1/hse/hours/import',
      expect.objectContaining({ body: csv, headers: { 'Content-Type': 'text/csv' } }),
    );
  });
});
