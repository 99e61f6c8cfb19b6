import { ME } from '@/testing/render-signed-in';

import type { EventOut, Occurrence } from '../api/types';

export const SERIES = '0193a7c2-0000-7000-8000-00000000ca01';

/** The weekly safety meeting's occurrence of Tuesday 10 November 2026, 09:00 in Paris. */
export function occurrence(overrides: Partial<Occurrence> = {}): Occurrence {
  return {
    event_id: SERIES,
    series_id: null,
    original_start: '2026-11-10T08:00:00Z',
    recurring: true,
    title: 'Weekly safety meeting',
    starts_at: '2026-11-10T08:00:00Z',
    ends_at: '2026-11-10T09:00:00Z',
    all_day: false,
    time_zone: 'Europe/Paris',
    location: 'Deck B meeting room',
    site_id: null,
    category: null,
    color: '#2563eb',
    visibility: 'company',
    organizer_id: ME,
    my_response: 'accepted',
    can_edit: true,
    ...overrides,
  };
}

/** The series of that meeting, as the API details it. */
export function eventOut(overrides: Partial<EventOut> = {}): EventOut {
  return {
    id: SERIES,
    title: 'Weekly safety meeting',
    description: null,
    starts_at: '2026-11-03T08:00:00Z',
    ends_at: '2026-11-03T09:00:00Z',
    all_day: false,
    time_zone: 'Europe/Paris',
    rrule: 'FREQ=WEEKLY;BYDAY=TU',
    exdates: [],
    location: 'Deck B meeting room',
    site_id: null,
    category: null,
    color: '#2563eb',
    visibility: 'company',
    reminders: [15],
    invitees: [ME],
    attendees: [
      {
        user_id: ME,
        full_name: 'Camille Martin',
        email: 'camille@demo.test',
        response: 'accepted',
        responded_at: null,
      },
    ],
    organizer_id: ME,
    organizer_name: 'Camille Martin',
    sequence: 0,
    series_id: null,
    original_start: null,
    can_edit: true,
    created_at: '2026-10-01T08:00:00Z',
    updated_at: '2026-10-01T08:00:00Z',
    ...overrides,
  };
}
