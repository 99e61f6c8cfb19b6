import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';

import { lifting } from '../testing/lifting';
import {
  answerModulesPage,
  operator,
  problem,
  renderModulesPage,
} from '../testing/render-modules-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), DELETE: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
const saveBlob = vi.hoisted(() => vi.fn());
vi.mock('@/lib/download', () => ({ saveBlob }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn(), info: vi.fn() } }));

const older = 'lifting-1.0.0-20261201T080000Z.json';
const newer = 'cranes-2.3.1-20261206T214500Z.json';

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('ModuleExports', () => {
  it('lists the exports newest first, and downloads one with the token', async () => {
    const page = answerModulesPage({ modules: [lifting], exports: [older, newer] });
    const bytes = new Blob(['{}'], { type: 'application/json' });
    api.GET.mockImplementation((path: string) =>
      path === '/api/v1/modules/exports/{name}' ? answer(bytes) : page(path),
    );
    const user = userEvent.setup();
    await renderModulesPage(operator);
    const list = await screen.findByRole('list', { name: 'Exports' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('cranes · Version 2.3.1');
    expect(items[0]).toHaveTextContent(newer);
    expect(items[1]).toHaveTextContent('lifting · Version 1.0.0');

    await user.click(within(list).getByRole('button', { name: `Download ${older}` }));
    await waitFor(() => expect(saveBlob).toHaveBeenCalledWith(bytes, older));
    expect(api.GET).toHaveBeenCalledWith('/api/v1/modules/exports/{name}', {
      params: { path: { name: older } },
      parseAs: 'blob',
    });
  });

  it('says so when there is none', async () => {
    api.GET.mockImplementation(answerModulesPage({ modules: [lifting] }));
    await renderModulesPage(operator);
    expect(await screen.findByText('No exports')).toBeInTheDocument();
  });

  it('says so when they cannot be listed, and tries again', async () => {
    const page = answerModulesPage({ modules: [lifting], exports: [older] });
    api.GET.mockImplementation((path: string) =>
      path === '/api/v1/modules/exports'
        ? problem(503, 'unavailable', 'Storage is down.')
        : page(path),
    );
    const user = userEvent.setup();
    await renderModulesPage(operator);
    const card = await screen.findByRole('region', { name: 'Exports of uninstalled packages' });
    expect(await within(card).findByRole('alert')).toHaveTextContent('Storage is down.');
    api.GET.mockImplementation(page);
    await user.click(within(card).getByRole('button', { name: 'Try again' }));
    expect(await within(card).findByText(older)).toBeInTheDocument();
  });

  it('is only for those who install packages', async () => {
    const manager = { 'modules.manage.module': 'all' } as const;
    api.GET.mockImplementation(answerModulesPage({ modules: [lifting], grants: manager }));
    await renderModulesPage(manager);
    await screen.findByRole('region', { name: 'Lifting equipment inspections' });
    expect(screen.queryByText('Exports of uninstalled packages')).not.toBeInTheDocument();
    expect(api.GET).not.toHaveBeenCalledWith('/api/v1/modules/exports');
  });
});
