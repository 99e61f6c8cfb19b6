import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';

import type { Grants } from '@/lib/auth/permissions';
import { i18n } from '@/lib/i18n';

import type { PermissionDef } from '../api/get-permission-catalogue';
import { PermissionMatrix } from './permission-matrix';

const catalogue: PermissionDef[] = [
  { code: 'users.view.user', module: 'core', label_fr: 'Voir', label_en: 'View users' },
  { code: 'roles.manage.role', module: 'core', label_fr: 'Rôles', label_en: 'Manage roles' },
  { code: 'hse.view.incident', module: 'hse', label_fr: 'Inc.', label_en: 'View incidents' },
];

/** The matrix as a form uses it: the value it shows is the last one it produced. */
function Harness({ initial, onChange }: { initial: Grants; onChange: (next: Grants) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <PermissionMatrix
      catalogue={catalogue}
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

const cell = (permission: string, scope: string) =>
  screen.getByRole('radio', { name: `${permission} — ${scope}` });

describe('PermissionMatrix', () => {
  it('toggling cells builds the grants map: one scope per permission, none removes it', async () => {
    await i18n.changeLanguage('en');
    const onChange = vi.fn();
    render(<Harness initial={{}} onChange={onChange} />);

    fireEvent.click(cell('View users', 'Company'));
    expect(onChange.mock.lastCall?.[0]).toStrictEqual({ 'users.view.user': 'company' });

    fireEvent.click(cell('View incidents', 'Own'));
    expect(onChange.mock.lastCall?.[0]).toStrictEqual({
      'users.view.user': 'company',
      'hse.view.incident': 'own',
    });

    // Another cell of the same row replaces the scope instead of adding a grant.
    fireEvent.click(cell('View users', 'All companies'));
    expect(onChange.mock.lastCall?.[0]).toStrictEqual({
      'users.view.user': 'all',
      'hse.view.incident': 'own',
    });
    expect(cell('View users', 'All companies')).toBeChecked();
    expect(cell('View users', 'Company')).not.toBeChecked();

    fireEvent.click(cell('View users', 'None'));
    expect(onChange.mock.lastCall?.[0]).toStrictEqual({ 'hse.view.incident': 'own' });
  });

  it('keeps grants the catalogue does not list, and shows what a wildcard covers', async () => {
    await i18n.changeLanguage('en');
    const onChange = vi.fn();
    render(<Harness initial={{ 'hse.*': 'company' }} onChange={onChange} />);

    expect(screen.getByText('hse.* · Company')).toBeInTheDocument();
    expect(screen.getByText(/covered by hse\.\*/)).toBeInTheDocument();
    expect(cell('View incidents', 'None')).toBeChecked();

    fireEvent.click(cell('Manage roles', 'Own'));
    expect(onChange.mock.lastCall?.[0]).toStrictEqual({
      'hse.*': 'company',
      'roles.manage.role': 'own',
    });
  });
});
