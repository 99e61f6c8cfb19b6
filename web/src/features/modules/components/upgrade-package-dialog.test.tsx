import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toast } from 'sonner';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiProblem } from '@/lib/api/problem';
import { i18n } from '@/lib/i18n';

import type { UpgradeReport } from '../api/upgrade-package';
import { lifting } from '../testing/lifting';
import { answerModulesPage, operator, renderModulesPage } from '../testing/render-modules-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), DELETE: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
const postFile = vi.hoisted(() => vi.fn());
vi.mock('@/lib/api/upload', () => ({ postFile }));
vi.mock('@/lib/i18n/server-catalogue', () => ({ reloadServerCatalogue: vi.fn() }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn(), info: vi.fn() } }));

const dryRun: UpgradeReport = {
  code: 'lifting',
  from_version: '1.0.0',
  to_version: '1.1.0',
  dry_run: true,
  record_types: [
    {
      code: 'inspection',
      records: 5,
      valid: 4,
      invalid_count: 1,
      invalid: [
        {
          id: '0193a000-0000-7000-8000-000000000001',
          company_id: '0193b000-0000-7000-8000-000000000002',
          title: 'LIFT-2026-1 · Grue à tour TC-3',
          errors: [
            { field: 'data.serial_number', code: 'pattern_mismatch', message: 'must match …' },
            { field: 'data.equipment', code: 'too_long', message: 'must be at most 10 characters' },
          ],
        },
      ],
    },
  ],
  removed_permissions: ['lifting.verify.inspection'],
};

const archive = () => new File(['PK'], 'lifting-1.1.0.zip', { type: 'application/zip' });

/** Opens the card's upgrade dialog and drops `file` in it. */
async function upgradeWith(file: File) {
  const user = userEvent.setup();
  await renderModulesPage(operator);
  await user.click(
    await screen.findByRole('button', { name: 'Upgrade Lifting equipment inspections' }),
  );
  const dialog = await screen.findByRole('dialog', {
    name: 'Upgrade Lifting equipment inspections',
  });
  await user.upload(dialog.querySelector<HTMLInputElement>('input[type=file]')!, file);
  return { user, dialog };
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  vi.clearAllMocks();
  api.GET.mockImplementation(answerModulesPage({ modules: [lifting] }));
});

describe('UpgradePackageDialog', () => {
  it('is offered on packages to those who install them, and on nothing else', async () => {
    const hse = { ...lifting, code: 'hse', kind: 'built_in', name: { fr: 'HSE', en: 'HSE' } };
    api.GET.mockImplementation(answerModulesPage({ modules: [lifting, hse] }));
    await renderModulesPage(operator);
    expect(await screen.findAllByRole('button', { name: /^Upgrade / })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: /^Uninstall / })).toHaveLength(1);
  });

  it('is not offered without the install permission', async () => {
    const manager = { 'modules.manage.module': 'all' } as const;
    api.GET.mockImplementation(answerModulesPage({ modules: [lifting], grants: manager }));
    await renderModulesPage(manager);
    await screen.findByRole('region', { name: 'Lifting equipment inspections' });
    expect(screen.queryByRole('button', { name: /^Upgrade / })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Uninstall / })).not.toBeInTheDocument();
  });

  it('shows the dry run’s report, then applies the same file', async () => {
    postFile.mockResolvedValueOnce(dryRun).mockResolvedValueOnce({ ...dryRun, dry_run: false });
    const file = archive();
    const { user, dialog } = await upgradeWith(file);

    const report = await within(dialog).findByRole('region', { name: 'Upgrade report' });
    expect(postFile).toHaveBeenCalledWith(
      '/api/v1/modules/packages/lifting/upgrade?dry_run=true',
      expect.objectContaining({ file }),
    );
    expect(report).toHaveTextContent('Version 1.0.0 → 1.1.0');
    expect(report).toHaveTextContent('Dry run: nothing has changed');
    expect(within(report).getByText('Will move').nextSibling).toHaveTextContent('4');
    expect(within(report).getByText('Do not validate').nextSibling).toHaveTextContent('1');
    const rows = within(report).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('LIFT-2026-1 · Grue à tour TC-3');
    expect(rows[1]).toHaveTextContent('Serial number: This is not in the expected format.');
    expect(rows[1]).toHaveTextContent('Equipment: At most 10 characters.');
    expect(report).toHaveTextContent('lifting.verify.inspection');

    await user.click(within(dialog).getByRole('button', { name: 'Apply the upgrade' }));
    expect(await within(dialog).findByText('Upgrade applied')).toBeInTheDocument();
    expect(postFile).toHaveBeenLastCalledWith(
      '/api/v1/modules/packages/lifting/upgrade?dry_run=false',
      expect.objectContaining({ file }),
    );
    expect(within(dialog).getByText('Moved').nextSibling).toHaveTextContent('4');
    expect(toast.success).toHaveBeenCalledWith(
      'Lifting equipment inspections is now at version 1.1.0.',
    );
  });

  it('shows why an upgrade is refused, in our words and the server’s', async () => {
    postFile.mockRejectedValue(
      new ApiProblem({
        type: 'urn:opsflux:problem:version_not_higher',
        title: 'Conflict',
        status: 409,
        code: 'version_not_higher',
        detail: 'Version 1.0.0 is installed; an upgrade must be higher, not 1.0.0.',
      }),
    );
    const { dialog } = await upgradeWith(archive());
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The upgrade of Lifting equipment inspections was refused');
    expect(alert).toHaveTextContent('The archive’s version is not higher than the installed one.');
    expect(alert).toHaveTextContent('an upgrade must be higher, not 1.0.0');
    expect(within(dialog).queryByRole('button', { name: 'Apply the upgrade' })).toBeNull();
  });
});
