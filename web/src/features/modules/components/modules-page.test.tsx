import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toast } from 'sonner';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiProblem } from '@/lib/api/problem';
import { i18n } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';

import { lifting } from '../testing/lifting';
import { operator, renderModulesPage } from '../testing/render-modules-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('@/lib/i18n/server-catalogue', () => ({ reloadServerCatalogue: vi.fn() }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn(), info: vi.fn() } }));
const install = vi.hoisted(() => vi.fn());
vi.mock('../api/install-package', () => ({
  useInstallPackage: () => ({ mutateAsync: install }),
}));

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('ModulesPage', () => {
  it('says so when there is no module, and offers no install without the permission', async () => {
    api.GET.mockResolvedValue(answer([]));
    await renderModulesPage();
    expect(await screen.findByText('No modules yet')).toBeInTheDocument();
    expect(screen.queryByText('Install a package')).not.toBeInTheDocument();
  });

  it('shows a package’s facts, and the module it needs when turning it on is refused', async () => {
    api.GET.mockResolvedValue(answer([lifting]));
    api.POST.mockResolvedValue(
      answer(
        {
          type: 'urn:opsflux:problem:dependency_missing',
          title: 'Conflict',
          status: 409,
          code: 'dependency_missing',
          detail: 'Turn on the module `hse` first: lifting needs it.',
        },
        409,
      ),
    );
    const user = userEvent.setup();
    await renderModulesPage();
    const card = within(
      await screen.findByRole('region', { name: 'Lifting equipment inspections' }),
    );
    expect(card.getByText('Off')).toBeInTheDocument();
    expect(card.getByText('Package')).toBeInTheDocument();
    expect(card.getByText('Not signed')).toBeInTheDocument();
    expect(card.getByText('files')).toBeInTheDocument();
    expect(card.getByText(/lifting · Version 1\.0\.0/)).toBeInTheDocument();

    await user.click(card.getByRole('button', { name: 'Turn on Lifting equipment inspections' }));
    const alert = await card.findByRole('alert');
    expect(alert).toHaveTextContent('Could not switch Lifting equipment inspections');
    expect(alert).toHaveTextContent('Turn on the module `hse` first: lifting needs it.');
    expect(api.POST).toHaveBeenCalledWith('/api/v1/modules/{code}/enable', {
      params: { path: { code: 'lifting' } },
    });
  });

  it('asks before turning a module off, saying its data is kept', async () => {
    const on = { ...lifting, enabled: true };
    api.GET.mockResolvedValue(answer([on]));
    api.POST.mockResolvedValue(answer({ ...on, enabled: false }));
    const user = userEvent.setup();
    await renderModulesPage();
    await user.click(
      await screen.findByRole('button', { name: 'Turn off Lifting equipment inspections' }),
    );
    const confirm = await screen.findByRole('alertdialog', {
      name: 'Turn off Lifting equipment inspections?',
    });
    expect(confirm).toHaveTextContent('Its data is kept');
    expect(api.POST).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Turn off' }));
    await waitFor(() =>
      expect(api.POST).toHaveBeenCalledWith('/api/v1/modules/{code}/disable', {
        params: { path: { code: 'lifting' } },
      }),
    );
    expect(toast.success).toHaveBeenCalledWith(
      'Lifting equipment inspections is off; its data is kept.',
    );
  });

  it('keeps the off switch for a module others need, naming them', async () => {
    api.GET.mockResolvedValue(answer([{ ...lifting, enabled: true, required_by: ['cranes'] }]));
    await renderModulesPage();
    expect(
      await screen.findByRole('button', { name: 'Turn off Lifting equipment inspections' }),
    ).toBeDisabled();
    expect(screen.getByText('Turn these off first: cranes.')).toBeInTheDocument();
  });

  it('lets a platform operator install a package, and reports each problem of a refused one', async () => {
    api.GET.mockResolvedValue(answer([]));
    install.mockRejectedValue(
      new ApiProblem({
        type: 'urn:opsflux:problem:validation_failed',
        title: 'Unprocessable Content',
        status: 422,
        code: 'validation_failed',
        detail: 'module.json does not follow the schema; see `errors`.',
        errors: [
          {
            field: '/record_types/0/fields/2/type',
            code: 'enum',
            message: '"colour" is not one of the field types',
          },
          { field: 'module.json', code: 'rule', message: 'title_field names no field' },
        ],
      }),
    );
    const user = userEvent.setup();
    await renderModulesPage(operator);
    expect(await screen.findByText('No packages installed')).toBeInTheDocument();
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    await user.upload(input, new File(['PK'], 'lifting.zip', { type: 'application/zip' }));
    const report = await screen.findByRole('alert', { name: 'Validation report' });
    expect(report).toHaveTextContent('The package lifting.zip was refused');
    expect(report).toHaveTextContent('does not follow the published schema');
    const rows = within(report).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('/record_types/0/fields/2/type');
    expect(rows[1]).toHaveTextContent('"colour" is not one of the field types');
    expect(rows[2]).toHaveTextContent('module.json');
  });

  it('names the new module once installed', async () => {
    api.GET.mockResolvedValue(answer([]));
    install.mockResolvedValue(lifting);
    const user = userEvent.setup();
    await renderModulesPage(operator);
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    await user.upload(input, new File(['PK'], 'lifting.zip', { type: 'application/zip' }));
    await waitFor(() =>
      expect(toast.success).toHaveBeenCalledWith(
        'Lifting equipment inspections 1.0.0 is installed. Turn it on for your company below.',
      ),
    );
  });
});
