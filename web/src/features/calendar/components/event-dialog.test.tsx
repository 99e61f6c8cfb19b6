import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { i18n } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';
import { answer } from '@/testing/api-answer';

import { newEventValues } from '../lib/event-form';
import { eventOut } from '../testing/fixtures';
import { renderCalendar } from '../testing/render-calendar';
import { EventDialog } from './event-dialog';

const api = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn(), PATCH: vi.fn() }));
vi.mock('@/lib/api/client', () => ({ api }));
vi.mock('sonner', () => ({ toast: { success: vi.fn(), error: vi.fn() } }));

/** The dialog for a new event on Tuesday 10 November 2026, 10:00 to 11:00 in Paris. */
async function openNew() {
  const onClose = vi.fn();
  const values = newEventValues(
    { start: '2026-11-10T10:00', end: '2026-11-10T11:00', allDay: false },
    'Europe/Paris',
  );
  renderCalendar(() => <EventDialog editing={{ mode: 'create', values }} onClose={onClose} />);
  return { dialog: within(await screen.findByRole('dialog', { name: 'New event' })), onClose };
}

/** The value typed in a date or time input (what a browser's picker does). */
const set = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });

beforeAll(async () => {
  await i18n.changeLanguage('en');
  setUserTimeZone('Europe/Paris');
});

beforeEach(() => {
  vi.clearAllMocks();
  api.GET.mockResolvedValue(answer({ items: [], next_cursor: null }));
});

describe('EventDialog', () => {
  it('refuses a missing title and an end before the start', async () => {
    const user = userEvent.setup();
    const { dialog } = await openNew();
    set(dialog.getByLabelText('End time'), '09:30');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await dialog.findByText('This field is required.')).toBeVisible();
    expect(dialog.getByText('The end must be after the start.')).toBeVisible();
    expect(dialog.getByLabelText('End time')).toHaveAttribute('aria-invalid', 'true');
    expect(api.POST).not.toHaveBeenCalled();
  });

  it('refuses an all-day event whose last day comes before its first', async () => {
    const user = userEvent.setup();
    const { dialog } = await openNew();
    await user.type(dialog.getByLabelText('Title'), 'Audit');
    await user.click(dialog.getByRole('switch', { name: 'All day' }));
    expect(dialog.queryByLabelText('Start time')).not.toBeInTheDocument();
    set(dialog.getByLabelText('End'), '2026-11-09');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await dialog.findByText('The end must be after the start.')).toBeVisible();
    expect(api.POST).not.toHaveBeenCalled();
  });

  it('builds a weekly rule, says it in words, and sends it with the times in UTC', async () => {
    api.POST.mockResolvedValue(answer(eventOut(), 201));
    const user = userEvent.setup();
    const { dialog, onClose } = await openNew();
    await user.type(dialog.getByLabelText('Title'), 'Crane inspection');
    await user.selectOptions(dialog.getByRole('combobox', { name: 'Repeat' }), 'weekly');
    await user.clear(dialog.getByLabelText('Interval'));
    await user.type(dialog.getByLabelText('Interval'), '2');
    await user.click(dialog.getByRole('checkbox', { name: 'Thursday' }));
    await user.click(dialog.getByRole('radio', { name: 'On' }));
    set(dialog.getByLabelText('Last day'), '2027-06-30');
    expect(dialog.getByTestId('recurrence-words')).toHaveTextContent(
      'Every 2 weeks on Tuesday and Thursday until 30 June 2027',
    );
    await user.click(dialog.getByRole('button', { name: '1 h' }));
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.POST).toHaveBeenCalled());
    const [path, init] = api.POST.mock.calls[0] as [string, { body: object }];
    expect(path).toBe('/api/v1/calendar/events');
    expect(init.body).toMatchObject({
      title: 'Crane inspection',
      starts_at: '2026-11-10T09:00:00Z',
      ends_at: '2026-11-10T10:00:00Z',
      all_day: false,
      time_zone: 'Europe/Paris',
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270630T215959Z',
      reminders: [15, 60],
      visibility: 'company',
    });
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('moves the end with the start, and offers the new first day’s weekday to repeat on', async () => {
    const user = userEvent.setup();
    const { dialog } = await openNew();
    set(dialog.getByLabelText('Start'), '2026-11-13');
    await user.selectOptions(dialog.getByRole('combobox', { name: 'Repeat' }), 'weekly');
    expect(dialog.getByRole('checkbox', { name: 'Friday' })).toBeChecked();
    expect(dialog.getByRole('checkbox', { name: 'Tuesday' })).not.toBeChecked();
    expect(dialog.getByTestId('recurrence-words')).toHaveTextContent('Every week on Friday');
    // The end came along: still an hour.
    expect(dialog.getByLabelText('End')).toHaveValue('2026-11-13');
    expect(dialog.getByLabelText('End time')).toHaveValue('11:00');
  });

  it('asks for a day of the week before sending a weekly rule without one', async () => {
    const user = userEvent.setup();
    const { dialog } = await openNew();
    await user.type(dialog.getByLabelText('Title'), 'Crane inspection');
    await user.selectOptions(dialog.getByRole('combobox', { name: 'Repeat' }), 'weekly');
    await user.click(dialog.getByRole('checkbox', { name: 'Tuesday' }));
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await dialog.findByText('Pick at least one day.')).toBeVisible();
    expect(api.POST).not.toHaveBeenCalled();
  });

  it('puts the server’s field errors under their fields', async () => {
    api.POST.mockResolvedValue(
      answer(
        {
          type: 'urn:opsflux:problem:validation_failed',
          title: 'Error',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'title', code: 'taken', message: 'Another event has this title.' }],
        },
        422,
      ),
    );
    const user = userEvent.setup();
    const { dialog } = await openNew();
    await user.type(dialog.getByLabelText('Title'), 'Crane inspection');
    await user.click(dialog.getByRole('button', { name: 'Save' }));
    expect(await dialog.findByText('Another event has this title.')).toBeVisible();
    expect(dialog.getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');
  });
});
