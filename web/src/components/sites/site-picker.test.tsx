import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';
import { alpha, site } from '@/testing/sites';

import { SitePicker } from './site-picker';

const api = vi.hoisted(() => ({ GET: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));

const bravo = site({
  id: '0193a7c2-0000-7000-8000-0000000000c3',
  name: 'Base Bravo',
  kind: 'base',
});

/** The list answers like the API: active sites whose name holds `q`, any case. */
function serveSites() {
  api.GET.mockImplementation((path: string, { params }: { params: { query?: { q?: string } } }) => {
    if (path === '/api/v1/sites/{id}') return Promise.resolve(answer(alpha));
    const q = params.query?.q?.toLowerCase() ?? '';
    const items = [alpha, bravo].filter((one) => one.name.toLowerCase().includes(q));
    return Promise.resolve(answer({ items, next_cursor: null }));
  });
}

/** The picker in a form that keeps its value, and reports each change. */
function renderPicker(initial = '') {
  const changes: string[] = [];
  function Form() {
    const [value, setValue] = useState(initial);
    return (
      <form onSubmit={() => changes.push('submitted')}>
        <label htmlFor="site">Site</label>
        <SitePicker
          id="site"
          value={value}
          onChange={(next) => {
            changes.push(next);
            setValue(next);
          }}
        />
      </form>
    );
  }
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <Form />
    </QueryClientProvider>,
  );
  return changes;
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  vi.clearAllMocks();
  serveSites();
});

describe('SitePicker', () => {
  it('offers the active sites on focus, narrows them as you type, and returns the id', async () => {
    const user = userEvent.setup();
    const changes = renderPicker();
    await user.click(screen.getByRole('combobox', { name: 'Site' }));
    expect(await screen.findByRole('option', { name: /Base Bravo/ })).toBeInTheDocument();
    expect(api.GET).toHaveBeenCalledWith('/api/v1/sites', {
      params: { query: { is_active: true, limit: 8 } },
    });

    await user.type(screen.getByRole('combobox'), 'alp');
    await waitFor(() =>
      expect(screen.queryByRole('option', { name: /Base Bravo/ })).not.toBeInTheDocument(),
    );
    expect(api.GET).toHaveBeenLastCalledWith('/api/v1/sites', {
      params: { query: { is_active: true, limit: 8, q: 'alp' } },
    });
    await user.click(screen.getByRole('option', { name: /Platform Alpha/ }));
    expect(changes).toEqual([alpha.id]);
    // The chosen site shows by name, and its remove button takes the focus.
    const remove = screen.getByRole('button', { name: 'Remove Platform Alpha' });
    expect(remove).toHaveFocus();
  });

  it('picks with the arrow keys and Enter, without submitting the form', async () => {
    const user = userEvent.setup();
    const changes = renderPicker();
    await user.click(screen.getByRole('combobox', { name: 'Site' }));
    await screen.findByRole('option', { name: /Base Bravo/ });
    await user.keyboard('{ArrowDown}{Enter}');
    expect(changes).toEqual([bravo.id]);
  });

  it('says when no active site matches', async () => {
    const user = userEvent.setup();
    renderPicker();
    await user.type(screen.getByRole('combobox', { name: 'Site' }), 'zulu');
    expect(await screen.findByText('No active site matches.')).toBeInTheDocument();
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
  });

  it('shows a chosen site by its name, and empties on remove', async () => {
    const user = userEvent.setup();
    const changes = renderPicker(alpha.id);
    await user.click(await screen.findByRole('button', { name: 'Remove Platform Alpha' }));
    expect(changes).toEqual(['']);
    expect(screen.getByRole('combobox', { name: 'Site' })).toHaveFocus();
  });
});
