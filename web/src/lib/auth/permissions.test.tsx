import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import type * as React from 'react';
import { describe, expect, it } from 'vitest';

import {
  Can,
  ForbiddenError,
  hasPermission,
  permissionsQueryOptions,
  requirePermission,
  type Grants,
} from './permissions';

const grants: Grants = { 'users.view.user': 'company', 'audit.view.log': 'own' };

function withGrants(value: Grants) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(permissionsQueryOptions().queryKey, value);
  const wrapper = ({ children }: { children: React.ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { queryClient, wrapper };
}

describe('hasPermission', () => {
  it('a wider scope covers a narrower one, not the reverse', () => {
    expect(hasPermission(grants, 'users.view.user', 'own')).toBe(true);
    expect(hasPermission(grants, 'users.view.user', 'company')).toBe(true);
    expect(hasPermission(grants, 'users.view.user', 'all')).toBe(false);
    expect(hasPermission(grants, 'audit.view.log', 'company')).toBe(false);
  });

  it('a permission not held is refused at any scope', () => {
    expect(hasPermission(grants, 'roles.manage.role')).toBe(false);
  });
});

describe('<Can>', () => {
  it('shows the button only with the permission', () => {
    const { wrapper } = withGrants(grants);
    render(
      <>
        <Can permission="users.view.user">
          <button>Users</button>
        </Can>
        <Can permission="roles.manage.role" fallback={<p>No roles for you</p>}>
          <button>Roles</button>
        </Can>
      </>,
      { wrapper },
    );
    expect(screen.getByRole('button', { name: 'Users' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Roles' })).not.toBeInTheDocument();
    expect(screen.getByText('No roles for you')).toBeInTheDocument();
  });
});

describe('requirePermission (route guard)', () => {
  it('lets the route load with the permission, and throws ForbiddenError without', async () => {
    const { queryClient } = withGrants(grants);
    await expect(requirePermission(queryClient, 'users.view.user')).resolves.toBeUndefined();
    await expect(requirePermission(queryClient, 'users.view.user', 'all')).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(requirePermission(queryClient, 'companies.manage.company')).rejects.toThrow(
      'companies.manage.company',
    );
  });
});
