import { useNavigate, useSearch } from '@tanstack/react-router';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';

import { kpis, rates } from '../testing/kpis';
import { renderHse } from '../testing/render-hse';
import { periodSearch } from '../lib/period-search';
import { DashboardPage } from './dashboard-page';

const api = vi.hoisted(() => ({ GET: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));

const viewer = { 'hse.view.kpi': 'company', 'hse.view.action': 'own' } as const;

/** The page as its route gives it: the search from the address, changes written back. */
function RoutedDashboard() {
  const search = periodSearch(useSearch({ strict: false }));
  const navigate = useNavigate();
  return (
    <DashboardPage
      search={search}
      onSearchChange={(next) => void navigate({ to: '.', search: next })}
    />
  );
}

const tile = (name: string) => screen.getByText(name, { selector: 'abbr, dt' }).closest('div')!;

beforeAll(async () => {
  await i18n.changeLanguage('en');
  // recharts' ResponsiveContainer measures itself; jsdom has no ResizeObserver.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('DashboardPage', () => {
  it('shows the rates, actions and hours of the period', async () => {
    api.GET.mockResolvedValue(answer(kpis()));
    renderHse(() => <RoutedDashboard />, viewer);
    expect(await screen.findByText('2.50')).toBeInTheDocument();
    expect(within(tile('TRIR')).getByText('1.00')).toBeInTheDocument();
    expect(within(tile('LTIF')).getByText('2.50')).toBeInTheDocument();
    expect(within(tile('DART')).getByText('0.50')).toBeInTheDocument();
    expect(within(tile('TRIFR')).getByText('5.00')).toBeInTheDocument();
    expect(within(tile('Severity rate')).getByText('3.00')).toBeInTheDocument();
    expect(within(tile('Hours worked')).getByText('400,000')).toBeInTheDocument();
    expect(within(tile('Open actions')).getByText('4')).toBeInTheDocument();
    const overdue = tile('Overdue actions');
    expect(within(overdue).getByText('2')).toBeInTheDocument();
    expect(within(overdue).getByRole('link', { name: /overdue actions/ })).toHaveAttribute(
      'href',
      '/hse/actions?view=overdue',
    );
    expect(screen.getByText('5 incidents in the period')).toBeInTheDocument();
  });

  it('shows the contractors’ rates on their tab', async () => {
    api.GET.mockResolvedValue(
      answer(
        kpis({ rates: { all: rates(400_000), employees: rates(0), contractors: rates(100_000) } }),
      ),
    );
    renderHse(() => <RoutedDashboard />, viewer);
    await userEvent.click(await screen.findByRole('tab', { name: 'Contractors' }));
    expect(within(tile('TRIR')).getByText('4.00')).toBeInTheDocument();
  });

  it('shows “—” and the way to the hours page without hours', async () => {
    const none = rates(0);
    api.GET.mockResolvedValue(
      answer(
        kpis({
          incidents: 0,
          by_month: [],
          by_site: [],
          rates: { all: none, employees: none, contractors: none },
        }),
      ),
    );
    renderHse(() => <RoutedDashboard />, viewer);
    expect(await screen.findByText(/No hours recorded for the period/)).toBeInTheDocument();
    for (const rate of ['TRIR', 'LTIF', 'DART', 'TRIFR', 'Severity rate']) {
      expect(within(tile(rate)).getByText('—')).toBeInTheDocument();
    }
    expect(screen.getByRole('link', { name: 'Enter the hours worked' })).toHaveAttribute(
      'href',
      '/hse/hours',
    );
    expect(screen.getByText('No incident in the period')).toBeInTheDocument();
  });

  it('keeps the period in the address and asks for it', async () => {
    api.GET.mockResolvedValue(answer(kpis()));
    const { router } = renderHse(() => <RoutedDashboard />, viewer);
    await screen.findByText('2.50');
    fireEvent.change(screen.getByLabelText('From month'), { target: { value: '2026-03' } });
    await vi.waitFor(() => expect(router.state.location.search).toEqual({ from: '2026-03' }));
    await vi.waitFor(() =>
      expect(api.GET.mock.lastCall).toMatchObject([
        '/api/v1/hse/kpis',
        { params: { query: { from: '2026-03' } } },
      ]),
    );
  });
});
