import { describe, expect, it } from 'vitest';

import { eventOut } from '../testing/fixtures';
import { eventBody, eventFormSchema, eventValues, movedEnd, newEventValues } from './event-form';

const PARIS = 'Europe/Paris';
/** A two-day audit in Paris, on 16 and 17 November 2026. */
const base = eventOut({
  title: 'Audit ISO 45001',
  starts_at: '2026-11-15T23:00:00Z',
  ends_at: '2026-11-17T23:00:00Z',
  all_day: true,
  rrule: null,
  location: null,
  invitees: ['role:hse_manager'],
});

describe('event form', () => {
  it('shows an all-day event’s first and last days, and sends its midnights back', () => {
    const values = eventValues(base);
    expect(values).toMatchObject({
      start_date: '2026-11-16',
      end_date: '2026-11-17',
      all_day: true,
    });
    expect(eventBody(values, { withRule: true })).toMatchObject({
      starts_at: '2026-11-15T23:00:00Z',
      ends_at: '2026-11-17T23:00:00Z',
      rrule: null,
      attendees: ['role:hse_manager'],
      location: null,
      site_id: null,
    });
  });

  it('reads the times in the event’s own zone, not the reader’s', () => {
    const tokyo = {
      ...base,
      all_day: false,
      time_zone: 'Asia/Tokyo',
      starts_at: '2026-11-16T00:30:00Z',
      ends_at: '2026-11-16T01:30:00Z',
    };
    expect(eventValues(tokyo)).toMatchObject({
      start_date: '2026-11-16',
      start_time: '09:30',
      end_time: '10:30',
    });
  });

  it('keeps a rule the editor cannot show, unless another one is picked', () => {
    const values = eventValues({ ...base, rrule: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=9' });
    expect(values.custom_rule).toBe('FREQ=WEEKLY;BYDAY=MO;BYHOUR=9');
    expect(eventBody(values, { withRule: true }).rrule).toBe('FREQ=WEEKLY;BYDAY=MO;BYHOUR=9');
  });

  it('starts a new event from a slot picked on a whole day', () => {
    const values = newEventValues({ start: '2026-11-16', end: '2026-11-18', allDay: true }, PARIS);
    expect(values).toMatchObject({
      start_date: '2026-11-16',
      end_date: '2026-11-17',
      time_zone: PARIS,
    });
    expect(eventFormSchema.safeParse({ ...values, title: 'Audit' }).success).toBe(true);
  });

  it('checks a repetition’s end against the start', () => {
    const values = newEventValues(
      { start: '2026-11-16T09:00', end: '2026-11-16T10:00', allDay: false },
      PARIS,
    );
    const result = eventFormSchema.safeParse({
      ...values,
      title: 'Review',
      recurrence: { ...values.recurrence, frequency: 'daily', ends: 'until', until: '2026-11-01' },
    });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['recurrence.until', 'calendar:errors.until_before_start'],
    ]);
  });

  it('moves the end with the start, keeping the length, across midnight too', () => {
    const end = { end_date: '2026-11-10', end_time: '23:30' };
    expect(movedEnd(end, '2026-11-10T22:00', '2026-11-10T23:00')).toEqual({
      end_date: '2026-11-11',
      end_time: '00:30',
    });
    expect(movedEnd(end, '2026-11-10T22:00', '2026-11-1')).toBeNull();
  });
});
