import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';

import { action, incident, ME, renderHse } from '../testing/render-hse';
import { ActionsPanel } from './actions-panel';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));

const manager = { 'hse.view.action': 'company', 'hse.manage.action': 'company' } as const;
const investigated = incident({
  status: 'under_investigation',
  actions: [action({ owner_id: ME, status: 'done', overdue: true })],
});

beforeAll(async () => {
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
});

beforeEach(() => {
  vi.clearAllMocks();
  api.GET.mockReturnValue(new Promise(() => {}));
});

describe('ActionsPanel', () => {
  it('lists the actions with their status, due date and the moves allowed', async () => {
    renderHse(() => <ActionsPanel incident={investigated} />, manager);
    const item = (await screen.findByText('Fit a secondary retention on the boom lights')).closest(
      'li',
    )!;
    expect(within(item).getByText('ACT-2026-00007')).toBeInTheDocument();
    expect(within(item).getByText('Done')).toBeInTheDocument();
    expect(within(item).getByText('Overdue')).toBeInTheDocument();
    expect(within(item).getByText('Due 20 Nov 2026')).toBeInTheDocument();
    // Its owner cannot verify it; a manager may still reopen or cancel it.
    const moves = within(item)
      .getAllByRole('button')
      .map((button) => button.textContent);
    expect(moves).toEqual(['Reopen', 'Cancel the action']);
  });

  it('checks a new action as the API does before sending it', async () => {
    const user = userEvent.setup();
    renderHse(() => <ActionsPanel incident={investigated} />, manager);
    await user.click(await screen.findByRole('button', { name: 'Add action' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Title *'), 'Fix');
    await user.type(within(dialog).getByLabelText('Due date *'), '2020-01-01');
    await user.click(within(dialog).getByRole('button', { name: 'Add action' }));
    expect(await within(dialog).findByText('Title: at least 5 characters')).toBeInTheDocument();
    expect(within(dialog).getByText('Choose who does it.')).toBeInTheDocument();
    expect(within(dialog).getByText('The due date cannot be in the past.')).toBeInTheDocument();
    expect(api.POST).not.toHaveBeenCalled();
  });

  it('offers no "Add action" without hse.manage.action', async () => {
    renderHse(() => <ActionsPanel incident={investigated} />, { 'hse.view.action': 'own' });
    await screen.findByText('ACT-2026-00007');
    expect(screen.queryByRole('button', { name: 'Add action' })).not.toBeInTheDocument();
  });
});
