import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toast } from 'sonner';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

import { renderCalendar } from '../testing/render-calendar';
import { IcalPanel } from './ical-panel';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), DELETE: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn() } }));

const URL = 'https://opsflux.example.com/api/v1/calendar/feed/cal_7Qm4xR2vK9pLs8Tn3WbZ.ics';
const inactive = { active: false, created_at: null, last_used_at: null };
const active = { active: true, created_at: '2026-10-12T09:30:00Z', last_used_at: null };

async function openPanel(feed: object) {
  api.GET.mockResolvedValue(answer(feed));
  const user = userEvent.setup();
  renderCalendar(() => <IcalPanel />);
  await user.click(await screen.findByRole('button', { name: 'My iCal link' }));
  return { user, panel: within(await screen.findByRole('dialog', { name: 'My iCal link' })) };
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('IcalPanel', () => {
  it('creates a link, shows it once with where to paste it, and copies it', async () => {
    api.POST.mockResolvedValue(answer({ url: URL, created_at: '2026-11-10T08:12:00Z' }, 201));
    const writeText = vi.fn().mockResolvedValue(undefined);
    // userEvent.setup() puts its own clipboard in place: this one replaces it.
    const { user, panel } = await openPanel(inactive);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    expect(await panel.findByText('No active link.')).toBeInTheDocument();
    await user.click(panel.getByRole('button', { name: 'Create link' }));
    expect(api.POST).toHaveBeenCalledWith('/api/v1/calendar/feed');
    expect(await panel.findByLabelText('Your link')).toHaveValue(URL);
    expect(panel.getByText(/it will not be shown again/)).toBeInTheDocument();
    expect(panel.getByText(/^Outlook: /)).toBeInTheDocument();
    expect(panel.getByText(/^Google Calendar: /)).toBeInTheDocument();
    await user.click(panel.getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(URL);
    await waitFor(() => expect(toast.success).toHaveBeenCalledWith('Link copied.'));
  });

  it('says since when a link works, and revokes it after a confirmation', async () => {
    api.DELETE.mockResolvedValue(answer(null, 204));
    const { user, panel } = await openPanel(active);
    expect(await panel.findByText(/^Link active since 12 Oct 2026/)).toBeInTheDocument();
    expect(panel.getByText('Not read by any calendar yet.')).toBeInTheDocument();
    api.GET.mockResolvedValue(answer(inactive));
    await user.click(panel.getByRole('button', { name: 'Revoke link' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Revoke your iCal link?' });
    await user.click(within(confirm).getByRole('button', { name: 'Revoke link' }));
    await waitFor(() => expect(api.DELETE).toHaveBeenCalledWith('/api/v1/calendar/feed'));
    expect(await panel.findByText('No active link.')).toBeInTheDocument();
    expect(toast.success).toHaveBeenCalledWith('Link revoked.');
  });
});
