import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { Button } from '@/components/ui/button';
import type { Site } from '@/lib/api/sites';
import { i18n } from '@/lib/i18n';
import { answer } from '@/testing/api-answer';
import { alpha } from '@/testing/sites';

import { SiteDialog } from './site-dialog';

const api = vi.hoisted(() => ({ POST: vi.fn(), PATCH: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn() } }));

/** The dialog, opened: for a new site, or to edit `site`. */
async function openDialog(site?: Site) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <SiteDialog site={site} trigger={<Button>Open</Button>} />
    </QueryClientProvider>,
  );
  await userEvent.click(screen.getByRole('button', { name: 'Open' }));
  return within(await screen.findByRole('dialog'));
}

const problem = (status: number, code: string, errors?: object[]) =>
  answer({ type: `urn:opsflux:problem:${code}`, title: 'Error', status, code, errors }, status);

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('SiteDialog', () => {
  it('sends a new site, with a French comma read as a decimal point', async () => {
    api.POST.mockResolvedValue(answer({ ...alpha, name: 'Base Nord' }, 201));
    const user = userEvent.setup();
    const dialog = await openDialog();
    await user.type(dialog.getByLabelText('Name'), '  Base Nord ');
    await user.click(dialog.getByRole('radio', { name: 'Base' }));
    await user.type(dialog.getByLabelText('Latitude'), '-1,25');
    await user.type(dialog.getByLabelText('Longitude'), '8.5');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.POST).toHaveBeenCalledWith('/api/v1/sites', {
        body: {
          name: 'Base Nord',
          kind: 'base',
          location: null,
          coordinates: { latitude: -1.25, longitude: 8.5 },
          is_active: true,
        },
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('checks the server’s rules before sending', async () => {
    const user = userEvent.setup();
    const dialog = await openDialog();
    await user.type(dialog.getByLabelText('Latitude'), '95');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await dialog.findByText('This field is required.')).toBeVisible();
    expect(dialog.getByText('Between -90 and 90.')).toBeVisible();
    expect(dialog.getByText('Enter both latitude and longitude, or neither.')).toBeVisible();
    expect(dialog.getByLabelText('Longitude')).toHaveAttribute('aria-invalid', 'true');

    await user.clear(dialog.getByLabelText('Latitude'));
    await user.type(dialog.getByLabelText('Latitude'), '1°5');
    expect(await dialog.findByText('Enter a number, for example -1.2345.')).toBeVisible();
    expect(api.POST).not.toHaveBeenCalled();
  });

  it('clears what was emptied on an edit, and keeps the active switch', async () => {
    api.PATCH.mockResolvedValue(answer({ ...alpha, is_active: false }));
    const user = userEvent.setup();
    const dialog = await openDialog(alpha);
    expect(dialog.getByRole('heading', { name: 'Edit site' })).toBeInTheDocument();
    expect(dialog.getByRole('radio', { name: 'Platform' })).toBeChecked();
    await user.clear(dialog.getByLabelText('Location'));
    await user.clear(dialog.getByLabelText('Latitude'));
    await user.clear(dialog.getByLabelText('Longitude'));
    await user.click(dialog.getByRole('switch', { name: 'Active' }));
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.PATCH).toHaveBeenCalled());
    const [path, init] = api.PATCH.mock.calls[0] as [string, { params: object; body: object }];
    expect(path).toBe('/api/v1/sites/{id}');
    expect(init.params).toEqual({ path: { id: alpha.id } });
    expect(init.body).toMatchObject({ location: null, coordinates: null, is_active: false });
  });

  it('puts the server’s field errors under their fields', async () => {
    api.POST.mockResolvedValue(
      problem(422, 'validation_failed', [
        { field: 'coordinates.latitude', code: 'range', message: 'out of range' },
      ]),
    );
    const user = userEvent.setup();
    const dialog = await openDialog();
    await user.type(dialog.getByLabelText('Name'), 'Platform Alpha');
    await user.type(dialog.getByLabelText('Latitude'), '-1.2');
    await user.type(dialog.getByLabelText('Longitude'), '8.6');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    // Our words for the code, rather than the API's.
    expect(await dialog.findByText('Out of the allowed range.')).toBeVisible();
    expect(dialog.getByLabelText('Latitude')).toHaveAttribute('aria-invalid', 'true');
  });

  it('says under the name that another site has it', async () => {
    api.POST.mockResolvedValue(problem(409, 'site_name_taken'));
    const user = userEvent.setup();
    const dialog = await openDialog();
    await user.type(dialog.getByLabelText('Name'), 'Platform Alpha');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(
      await dialog.findByText('Another site of the company already has this name.'),
    ).toBeVisible();
    expect(dialog.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(dialog.getByLabelText('Name')).toHaveFocus();
  });
});
