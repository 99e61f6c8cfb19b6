import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toast } from 'sonner';
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
vi.mock('@/lib/i18n/server-catalogue', () => ({ reloadServerCatalogue: vi.fn() }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn(), info: vi.fn() } }));

/** Opens the card's uninstall dialog and confirms it. */
async function confirmUninstall() {
  const user = userEvent.setup();
  await renderModulesPage(operator);
  await user.click(
    await screen.findByRole('button', { name: 'Uninstall Lifting equipment inspections' }),
  );
  const dialog = await screen.findByRole('alertdialog', {
    name: 'Uninstall Lifting equipment inspections?',
  });
  await user.click(within(dialog).getByRole('button', { name: 'Uninstall' }));
  return dialog;
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  vi.clearAllMocks();
  api.GET.mockImplementation(answerModulesPage({ modules: [lifting] }));
});

describe('UninstallPackageDialog', () => {
  it('says the records are exported first and the package must be off everywhere', async () => {
    const user = userEvent.setup();
    await renderModulesPage(operator);
    await user.click(
      await screen.findByRole('button', { name: 'Uninstall Lifting equipment inspections' }),
    );
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent(
      'Lifting equipment inspections 1.0.0 will be removed from the whole platform.',
    );
    expect(dialog).toHaveTextContent('Its records, in every company, are exported first');
    expect(dialog).toHaveTextContent('It must be off in every company');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(api.DELETE).not.toHaveBeenCalled();
  });

  it('shows the reason when a company still has the package on', async () => {
    api.DELETE.mockResolvedValue(
      problem(409, 'module_enabled', '2 companies have `lifting` on: each must turn it off first.'),
    );
    const dialog = await confirmUninstall();
    const refusal = await within(dialog).findByRole('alert', { name: 'Uninstall refused' });
    expect(refusal).toHaveTextContent('Could not uninstall Lifting equipment inspections');
    expect(refusal).toHaveTextContent('The module is still on in at least one company');
    expect(refusal).toHaveTextContent('2 companies have `lifting` on');
    expect(api.DELETE).toHaveBeenCalledWith('/api/v1/modules/packages/{code}', {
      params: { path: { code: 'lifting' } },
    });
    expect(dialog).toBeInTheDocument();
    expect(toast.success).not.toHaveBeenCalled();
  });

  it('names the export once uninstalled, and lists it', async () => {
    const name = 'lifting-1.0.0-20261206T214500Z.json';
    api.DELETE.mockImplementation(() => {
      api.GET.mockImplementation(answerModulesPage({ modules: [], exports: [name] }));
      return Promise.resolve(
        answer({ code: 'lifting', version: '1.0.0', records: 3, export: name }),
      );
    });
    await confirmUninstall();
    await waitFor(() => expect(toast.success).toHaveBeenCalled());
    const [message, options] = vi.mocked(toast.success).mock.calls[0]!;
    expect(message).toBe(
      `Lifting equipment inspections is uninstalled: 3 records exported to ${name}.`,
    );
    expect(options?.action).toMatchObject({ label: 'Download' });
    expect(await screen.findByText('No packages installed')).toBeInTheDocument();
    const exports = await screen.findByRole('list', { name: 'Exports' });
    expect(exports).toHaveTextContent(name);
  });
});
