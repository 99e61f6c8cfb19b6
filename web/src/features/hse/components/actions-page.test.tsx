import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n, loadNamespace } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

import { actionSearch, type ActionSearch } from '../lib/actions-search';
import { action, problem, renderHse } from '../testing/render-hse';
import { ActionsPage } from './actions-page';

const api = vi.hoisted(() => ({ GET: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));

const manager = { 'hse.view.action': 'company', 'hse.manage.action': 'company' } as const;

/** The query of the last action list request. */
const lastQuery = () =>
  (
    api.GET.mock.calls.filter(([path]) => path === '/api/v1/hse/actions').at(-1) as [
      string,
      { params: { query: Record<string, unknown> } },
    ]
  )[1].params.query;

function renderPage(search: ActionSearch, grants: Record<string, 'own' | 'company'> = manager) {
  const onSearchChange = vi.fn();
  renderHse(() => <ActionsPage search={search} onSearchChange={onSearchChange} />, grants);
  return onSearchChange;
}

beforeAll(async () => {
  await loadNamespace('importExport');
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
});

beforeEach(() => {
  vi.clearAllMocks();
  api.GET.mockImplementation((path: string) =>
    Promise.resolve(
      path === '/api/v1/imports/resources'
        ? answer([
            {
              name: 'hse.actions',
              label: 'HSE actions',
              fields: [],
              key: ['number'],
              importable: true,
              exportable: true,
            },
          ])
        : answer({ items: [action()], next_cursor: null }),
    ),
  );
});

describe('ActionsPage', () => {
  it('shows the user’s own actions by default, each linked to its incident', async () => {
    renderPage(actionSearch({ bogus: 'x', view: 'mine' }));
    const link = await screen.findByRole('link', {
      name: 'ACT-2026-00007: Fit a secondary retention on the boom lights (open the incident)',
    });
    expect(link).toHaveAttribute('href', '/hse/incidents/0193a7c2-0000-7000-8000-0000000001a1');
    expect(lastQuery()).toEqual({ owner: 'me', limit: 50 });
  });

  it('imports and exports the actions, as a file, when the server allows it', async () => {
    renderPage(actionSearch({ view: 'overdue' }));
    expect(await screen.findByRole('link', { name: 'Import' })).toHaveAttribute(
      'href',
      '/imports/new?resource=hse.actions',
    );
    expect(screen.getByRole('button', { name: /Export/ })).toBeEnabled();
  });

  it('asks the server for the view and status the address holds', async () => {
    renderPage(actionSearch({ view: 'overdue', status: 'in_progress' }));
    await screen.findByText('ACT-2026-00007');
    expect(lastQuery()).toEqual({ overdue: true, status: 'in_progress', limit: 50 });
  });

  it('puts each filter change in the address', async () => {
    const user = userEvent.setup();
    const onSearchChange = renderPage({ status: 'open' });
    await screen.findByText('ACT-2026-00007');
    await user.click(screen.getByRole('tab', { name: 'All' }));
    expect(onSearchChange).toHaveBeenLastCalledWith({ view: 'all', status: 'open' });
    await user.selectOptions(screen.getByLabelText('Status'), 'done');
    expect(onSearchChange).toHaveBeenLastCalledWith({ status: 'done' });
  });

  it('offers "All" only to those who see more than their own', async () => {
    renderPage({}, { 'hse.view.action': 'own' });
    await screen.findByText('ACT-2026-00007');
    expect(screen.getByRole('tab', { name: 'Mine' })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'All' })).not.toBeInTheDocument();
  });

  it('says when HSE is off for the company', async () => {
    api.GET.mockResolvedValue(problem(404, 'not_found'));
    renderPage({});
    expect(await screen.findByText('HSE is turned off for your company')).toBeInTheDocument();
  });
});
