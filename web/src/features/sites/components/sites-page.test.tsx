import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';
import { alpha, supplyVessel } from '@/testing/sites';

import { SitesPage } from './sites-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), DELETE: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn() } }));
// The import and export buttons are tested in their feature: here, what the page gives them.
const importExport = vi.hoisted(() => ({
  ExportButton: vi.fn(() => null),
  ImportLink: vi.fn(() => null),
}));
vi.mock('@/features/import-export', () => importExport);

/** The query of the `n`th list request. */
const listQuery = (n: number) =>
  (api.GET.mock.calls[n] as [string, { params: { query: Record<string, unknown> } }])[1].params
    .query;

function renderPage() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <SitesPage />
    </QueryClientProvider>,
  );
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('SitesPage', () => {
  it('explains what sites are for while there is none, with the way to add one', async () => {
    api.GET.mockResolvedValue(answer({ items: [], next_cursor: null }));
    renderPage();
    expect(await screen.findByText('No sites yet')).toBeInTheDocument();
    expect(screen.getByText(/every incident, inspection or register entry/)).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Add site' })).toHaveLength(1);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('lists each site with its kind, place, coordinates and status', async () => {
    api.GET.mockResolvedValue(answer({ items: [alpha, supplyVessel], next_cursor: null }));
    renderPage();
    const row = (await screen.findByText('Platform Alpha')).closest('tr')!;
    expect(within(row).getByText('Platform')).toBeInTheDocument();
    expect(within(row).getByText('Block 17, 80 km off Port-Gentil')).toBeInTheDocument();
    // Once in the column, once folded under the place for narrower screens.
    expect(within(row).getAllByText('1.2345° S, 8.6789° E')).toHaveLength(2);
    expect(within(row).getByText('Active')).toBeInTheDocument();
    const vessel = screen.getByText('Ocean Pride').closest('tr')!;
    expect(within(vessel).getByText('Vessel')).toBeInTheDocument();
    expect(within(vessel).getByText('Inactive')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit Ocean Pride' })).toBeInTheDocument();
  });

  it('filters on the server by name and kind, and says when nothing matches', async () => {
    api.GET.mockImplementation((_path, { params }: { params: { query: object } }) =>
      Promise.resolve(answer({ items: 'kind' in params.query ? [] : [alpha], next_cursor: null })),
    );
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Platform Alpha');
    await user.selectOptions(screen.getByLabelText('Kind'), 'vessel');
    await user.type(screen.getByLabelText('Search sites by name'), 'pride');
    expect(await screen.findByText('No site matches this search.')).toBeInTheDocument();
    await waitFor(() =>
      expect(listQuery(api.GET.mock.calls.length - 1)).toMatchObject({
        kind: 'vessel',
        q: 'pride',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByLabelText('Search sites by name')).toHaveValue('');
    expect(screen.getByLabelText('Kind')).toHaveValue('');
    expect(await screen.findByText('Platform Alpha')).toBeInTheDocument();
  });

  it('offers to import sites, and to export those the filters keep', async () => {
    api.GET.mockResolvedValue(answer({ items: [alpha], next_cursor: null }));
    const user = userEvent.setup();
    renderPage();
    await screen.findByText('Platform Alpha');
    expect(importExport.ImportLink).toHaveBeenLastCalledWith({ resource: 'sites' }, undefined);
    await user.selectOptions(screen.getByLabelText('Kind'), 'vessel');
    await user.type(screen.getByLabelText('Search sites by name'), 'alpha');
    await waitFor(() =>
      expect(importExport.ExportButton).toHaveBeenLastCalledWith(
        { resource: 'sites', filters: { q: 'alpha', kind: 'vessel' } },
        undefined,
      ),
    );
  });

  it('loads the next page with the cursor', async () => {
    api.GET.mockResolvedValueOnce(answer({ items: [alpha], next_cursor: 'page-2' }));
    api.GET.mockResolvedValueOnce(answer({ items: [supplyVessel], next_cursor: null }));
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Show more' }));
    expect(await screen.findByText('Ocean Pride')).toBeInTheDocument();
    expect(listQuery(1)).toMatchObject({ cursor: 'page-2' });
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
  });

  it('deletes a site after saying that records keep it', async () => {
    api.GET.mockResolvedValue(answer({ items: [alpha], next_cursor: null }));
    api.DELETE.mockResolvedValue(answer(null, 204));
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Delete Platform Alpha' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(within(confirm).getByText(/already at this site keep it/)).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(api.DELETE).toHaveBeenCalledWith('/api/v1/sites/{id}', {
        params: { path: { id: alpha.id } },
      }),
    );
  });
});
