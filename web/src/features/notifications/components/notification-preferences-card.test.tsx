import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { toast } from 'sonner';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { Schemas } from '@/lib/api/client';
import { meQueryOptions } from '@/lib/auth/me';
import { i18n } from '@/lib/i18n';

import { NotificationPreferencesCard } from './notification-preferences-card';

const api = vi.hoisted(() => ({ GET: vi.fn(), PUT: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn() } }));

const ok = (data: unknown) => ({ data, response: new Response(null, { status: 200 }) });

const saved: Schemas['Preferences'] = {
  enabled_channels: ['in_app', 'email', 'sms', 'push'],
  dnd_enabled: false,
  dnd_start_time: '22:00',
  dnd_end_time: '08:00',
  min_priority: 0,
  muted_categories: [],
  digest_enabled: false,
  digest_frequency: 'daily',
};

async function renderCard() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meQueryOptions().queryKey, {
    user: { id: 'me', full_name: 'Demo Admin', time_zone: 'Europe/Paris' },
  } as Schemas['MeOut']);
  const router = createRouter({
    routeTree: createRootRoute({ component: NotificationPreferencesCard }),
    history: createMemoryHistory(),
  });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return within(await screen.findByRole('region', { name: 'Do not disturb' }));
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
  // Radix's checkbox measures itself; jsdom has no ResizeObserver.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});
afterEach(() => {
  vi.clearAllMocks();
});

describe('NotificationPreferencesCard', () => {
  it('shows the saved preferences with the time zone, and saves changes', async () => {
    api.GET.mockResolvedValue(ok(saved));
    api.PUT.mockImplementation((_path, { body }: { body: Schemas['Preferences'] }) =>
      Promise.resolve(ok(body)),
    );
    const quiet = await renderCard();
    expect(quiet.getByText(/Times in your time zone: Europe\/Paris/)).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Mobile push' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    expect(screen.getByRole('checkbox', { name: 'Security' })).toBeDisabled();

    fireEvent.click(quiet.getByRole('switch', { name: 'Turn on' }));
    fireEvent.change(quiet.getByLabelText('Start'), { target: { value: '21h30' } });
    fireEvent.click(screen.getByRole('switch', { name: 'Mobile push' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Comments' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(toast.success).toHaveBeenCalledWith('Preferences saved.'));
    expect(api.PUT).toHaveBeenCalledWith('/api/v1/notifications/preferences', {
      body: {
        ...saved,
        enabled_channels: ['in_app', 'email', 'sms'],
        dnd_enabled: true,
        dnd_start_time: '21:30',
        muted_categories: ['comment'],
      },
    });
  });

  it('refuses an empty quiet window before sending', async () => {
    api.GET.mockResolvedValue(ok(saved));
    const quiet = await renderCard();
    fireEvent.change(quiet.getByLabelText('End'), { target: { value: '22:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await quiet.findByText('The end must differ from the start.')).toBeInTheDocument();
    expect(api.PUT).not.toHaveBeenCalled();
  });

  it('puts the API’s field errors next to their fields', async () => {
    api.GET.mockResolvedValue(ok(saved));
    api.PUT.mockResolvedValue({
      error: {
        type: 'urn:opsflux:problem:validation_failed',
        title: 'Unprocessable Entity',
        status: 422,
        code: 'validation_failed',
        detail: 'The request has invalid fields; see `errors`.',
        errors: [
          { field: 'muted_categories', code: 'not_mutable', message: 'cannot be muted' },
          { field: 'dnd_end_time', code: 'empty_window', message: 'must differ' },
        ],
      },
      response: new Response(null, { status: 422 }),
    });
    const quiet = await renderCard();
    fireEvent.click(screen.getByRole('checkbox', { name: 'System' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await quiet.findByText('The end must differ from the start.')).toBeInTheDocument();
    const muted = screen.getByRole('region', { name: 'Muted categories' });
    expect(within(muted).getByRole('alert')).toHaveTextContent(
      'Security notifications cannot be muted.',
    );
    expect(toast.error).not.toHaveBeenCalled();
  });
});
