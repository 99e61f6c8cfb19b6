import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

import { incidentSearch, type IncidentSearch } from '../lib/list-search';
import { incident, problem, renderHse } from '../testing/render-hse';
import { IncidentsPage } from './incidents-page';

const api = vi.hoisted(() => ({ GET: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
// The data export is tested in its feature: here, what the list gives it.
const importExport = vi.hoisted(() => ({ ExportButton: vi.fn(() => null) }));
vi.mock('@/features/import-export', () => importExport);

/** The query of the last incident list request. */
const lastListQuery = () =>
  (
    api.GET.mock.calls.filter(([path]) => path === '/api/v1/hse/incidents').at(-1) as [
      string,
      { params: { query: Record<string, unknown> } },
    ]
  )[1].params.query;

function renderPage(search: IncidentSearch, onSearchChange = vi.fn()) {
  renderHse(() => <IncidentsPage search={search} onSearchChange={onSearchChange} />);
  return onSearchChange;
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('IncidentsPage', () => {
  it('invites a reporter to report the first incident', async () => {
    api.GET.mockResolvedValue(answer({ items: [], next_cursor: null }));
    renderPage({});
    expect(await screen.findByText('No incident reported')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Report an incident' })).toHaveLength(1);
  });

  it('lists incidents with their number, severity, type and status', async () => {
    api.GET.mockResolvedValue(answer({ items: [incident()], next_cursor: null }));
    renderPage({});
    const row = (await screen.findByRole('link', { name: 'Open INC-2026-00042' })).closest('tr')!;
    expect(within(row).getByText('High')).toBeInTheDocument();
    expect(within(row).getAllByText('Near miss').length).toBeGreaterThan(0);
    expect(within(row).getByText('Submitted')).toBeInTheDocument();
  });

  it('asks the server for the filters the address holds, the period in the user’s zone', async () => {
    api.GET.mockResolvedValue(answer({ items: [incident()], next_cursor: null }));
    renderPage(
      incidentSearch({
        severity: 'critical',
        status: 'submitted',
        occurred_from: '2026-11-01',
        assigned_to_me: 'true',
        bogus: 'x',
      }),
    );
    await screen.findByText('INC-2026-00042');
    expect(lastListQuery()).toEqual({
      severity: 'critical',
      status: 'submitted',
      assigned_to_me: true,
      occurred_from: '2026-10-31T23:00:00Z',
      limit: 50,
    });
  });

  it('offers the rows as data, filtered as the list asks the server', async () => {
    api.GET.mockResolvedValue(answer({ items: [incident()], next_cursor: null }));
    renderPage(incidentSearch({ severity: 'high', occurred_to: '2026-11-30' }));
    await screen.findByText('INC-2026-00042');
    expect(importExport.ExportButton).toHaveBeenLastCalledWith(
      {
        resource: 'hse.incidents',
        filters: { severity: 'high', occurred_to: '2026-11-30T22:59:59Z' },
        label: 'Export data',
      },
      undefined,
    );
  });

  it('puts each filter change in the address', async () => {
    api.GET.mockResolvedValue(answer({ items: [incident()], next_cursor: null }));
    const user = userEvent.setup();
    const onSearchChange = renderPage({ severity: 'high' });
    await screen.findByText('INC-2026-00042');
    await user.selectOptions(screen.getByLabelText('Type'), 'injury');
    expect(onSearchChange).toHaveBeenLastCalledWith({ severity: 'high', incident_type: 'injury' });
    await user.click(screen.getByRole('button', { name: 'Reported by me' }));
    expect(onSearchChange).toHaveBeenLastCalledWith({ severity: 'high', reported_by_me: true });
  });

  it('says when no incident matches, and clears the filters', async () => {
    api.GET.mockResolvedValue(answer({ items: [], next_cursor: null }));
    const user = userEvent.setup();
    const onSearchChange = renderPage({ severity: 'critical' });
    await user.click(await screen.findByRole('button', { name: 'Clear filters' }));
    expect(onSearchChange).toHaveBeenCalledWith({});
    await waitFor(() => expect(lastListQuery()).toMatchObject({ severity: 'critical' }));
  });

  it('says when HSE is off for the company instead of an error', async () => {
    api.GET.mockResolvedValue(problem(404, 'not_found'));
    renderPage({});
    expect(await screen.findByText('HSE is turned off for your company')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Report an incident' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Status')).not.toBeInTheDocument();
  });
});
