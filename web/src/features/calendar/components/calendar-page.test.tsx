import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

import type { CalendarItem } from '../api/types';
import { eventOut, occurrence, SERIES } from '../testing/fixtures';
import { renderCalendar } from '../testing/render-calendar';
import { CalendarPage } from './calendar-page';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn() } }));

const overdue: CalendarItem = {
  source: 'hse.action',
  id: '0193a7c2-0000-7000-8000-0000000002a1',
  title: 'ACT-2026-00007 · Replace the hydraulic hose',
  date: '2026-11-06',
  overdue: true,
  link: '/hse/incidents/0193a7c2-0000-7000-8000-0000000001a1',
};

/** The `from`/`to` of each range the page asked for, in order. */
const ranges = () =>
  api.GET.mock.calls
    .filter(([path]) => path === '/api/v1/calendar/events')
    .map(([, init]) => (init as { params: { query: object } }).params.query);

/** The agenda of November 2026 (a list: jsdom cannot measure a month's cells). */
function renderAgenda(occurrences = [occurrence()], items: CalendarItem[] = [overdue]) {
  api.GET.mockImplementation((path: string) =>
    Promise.resolve(
      path === '/api/v1/calendar/events'
        ? answer({ occurrences, items })
        : path === '/api/v1/calendar/events/{id}'
          ? answer(eventOut())
          : answer({ active: false, created_at: null, last_used_at: null }),
    ),
  );
  const onSearchChange = vi.fn();
  const rendered = renderCalendar(() => (
    <CalendarPage search={{ view: 'agenda', date: '2026-11-10' }} onSearchChange={onSearchChange} />
  ));
  return { ...rendered, onSearchChange };
}

/** Opens the occurrence's panel, then its Edit or Delete, and answers "which events?". */
async function askScope(button: 'Edit' | 'Delete', choice: RegExp) {
  const user = userEvent.setup();
  await user.click(await screen.findByText('Weekly safety meeting'));
  const panel = await screen.findByRole('dialog', { name: 'Weekly safety meeting' });
  await user.click(within(panel).getByRole('button', { name: button }));
  const question = await screen.findByRole('dialog', { name: /a repeating event$/ });
  await user.click(within(question).getByRole('radio', { name: choice }));
  await user.click(
    within(question).getByRole('button', { name: button === 'Edit' ? 'Continue' : 'Delete' }),
  );
  return user;
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('CalendarPage', () => {
  it('asks for the range on screen, then the next one, and keeps the period in the address', async () => {
    const { onSearchChange } = renderAgenda();
    await screen.findByText('Weekly safety meeting');
    // November, from midnight in Paris (UTC+1) to the 1st of December.
    expect(ranges()).toEqual([{ from: '2026-10-31T23:00:00Z', to: '2026-11-30T23:00:00Z' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Next period' }));
    await waitFor(() => expect(ranges()).toHaveLength(2));
    expect(ranges()[1]).toEqual({ from: '2026-11-30T23:00:00Z', to: '2026-12-31T23:00:00Z' });
    expect(onSearchChange).toHaveBeenLastCalledWith({ view: 'agenda', date: '2026-12-01' });
  });

  it('shows a series’ occurrence with its repeat icon, and an overdue action that opens its record', async () => {
    const { router } = renderAgenda();
    expect(await screen.findByRole('img', { name: 'Repeats' })).toBeInTheDocument();
    const item = screen.getByText(overdue.title);
    expect(item.parentElement).toHaveTextContent('HSE action');
    expect(item.parentElement).toHaveTextContent('(Overdue)');
    await userEvent.click(item);
    await waitFor(() => expect(router.state.location.pathname).toBe(overdue.link));
  });

  it('says when the period is empty, and when it could not be loaded, with a retry', async () => {
    api.GET.mockResolvedValueOnce(
      answer({ type: 'x', title: 'Error', status: 503, code: 'unavailable', detail: 'Down.' }, 503),
    );
    renderAgenda([], []);
    expect(await screen.findByText('The calendar could not be loaded.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Nothing planned for this period.')).toBeInTheDocument();
  });

  it('shows an occurrence in words with its attendees, and sends my answer', async () => {
    api.POST.mockResolvedValue(answer(eventOut()));
    renderAgenda();
    const user = userEvent.setup();
    await user.click(await screen.findByText('Weekly safety meeting'));
    const panel = await screen.findByRole('dialog', { name: 'Weekly safety meeting' });
    expect(panel).toHaveTextContent(/Tuesday,? 10 November 2026, 09:00\s?–\s?10:00/);
    expect(await within(panel).findByText('Every week on Tuesday')).toBeInTheDocument();
    expect(within(panel).getByText('Camille Martin', { selector: 'li span' })).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Accept' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.click(within(panel).getByRole('button', { name: 'Decline' }));
    await waitFor(() =>
      expect(api.POST).toHaveBeenCalledWith('/api/v1/calendar/events/{id}/response', {
        params: { path: { id: SERIES } },
        body: { response: 'declined' },
      }),
    );
    expect(within(panel).getByRole('button', { name: 'Decline' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('deletes this and the following occurrences from the one opened', async () => {
    api.DELETE.mockResolvedValue(answer(null, 204));
    renderAgenda();
    await askScope('Delete', /^This and following events/);
    await waitFor(() =>
      expect(api.DELETE).toHaveBeenCalledWith('/api/v1/calendar/events/{id}', {
        params: {
          path: { id: SERIES },
          query: { occurrence: '2026-11-10T08:00:00Z', scope: 'following' },
        },
      }),
    );
  });

  it('edits this occurrence only: its own times, no repetition, scope=this', async () => {
    api.PATCH.mockResolvedValue(answer(eventOut({ title: 'Safety meeting (moved)' })));
    renderAgenda();
    const user = await askScope('Edit', /^This event/);
    const dialog = await screen.findByRole('dialog', { name: 'Edit this event' });
    expect(within(dialog).getByText(/Only this event changes/)).toBeInTheDocument();
    expect(within(dialog).queryByText('Repeat')).not.toBeInTheDocument();
    const title = await within(dialog).findByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Safety meeting (moved)');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.PATCH).toHaveBeenCalled());
    const [, init] = api.PATCH.mock.calls[0] as [string, { params: object; body: object }];
    expect(init.params).toEqual({
      path: { id: SERIES },
      query: { occurrence: '2026-11-10T08:00:00Z', scope: 'this' },
    });
    expect(init.body).toMatchObject({
      title: 'Safety meeting (moved)',
      starts_at: '2026-11-10T08:00:00Z',
      ends_at: '2026-11-10T09:00:00Z',
    });
    expect(init.body).not.toHaveProperty('rrule');
  });

  it('deletes a single event after a plain confirmation, without a scope', async () => {
    api.DELETE.mockResolvedValue(answer(null, 204));
    const single = occurrence({ recurring: false, original_start: null });
    renderAgenda([single]);
    const user = userEvent.setup();
    await user.click(await screen.findByText('Weekly safety meeting'));
    const panel = await screen.findByRole('dialog', { name: 'Weekly safety meeting' });
    await user.click(within(panel).getByRole('button', { name: 'Delete' }));
    const confirm = await screen.findByRole('alertdialog', {
      name: 'Delete “Weekly safety meeting”?',
    });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(api.DELETE).toHaveBeenCalledWith('/api/v1/calendar/events/{id}', {
        params: { path: { id: SERIES } },
      }),
    );
  });
});
