import { describe, expect, it } from 'vitest';

import { atLeastAnHour, defaultSlot } from './slots';

const PARIS = 'Europe/Paris';

describe('defaultSlot', () => {
  it('starts a new event at the next whole hour, for an hour, in the reader’s zone', () => {
    expect(defaultSlot('2026-11-10T08:12:00Z', PARIS)).toEqual({
      start: '2026-11-10T10:00',
      end: '2026-11-10T11:00',
      allDay: false,
    });
  });

  it('moves a late evening to 09:00 the next day', () => {
    expect(defaultSlot('2026-11-10T22:30:00Z', PARIS).start).toBe('2026-11-11T09:00');
  });

  it('starts on the period shown when it does not hold today', () => {
    const shown = { first: '2026-12-01', end: '2027-01-01' };
    expect(defaultSlot('2026-11-10T08:12:00Z', PARIS, shown).start).toBe('2026-12-01T09:00');
  });
});

describe('atLeastAnHour', () => {
  it('makes a half-hour click an hour, and leaves longer picks and whole days alone', () => {
    const click = { start: '2026-11-10T09:00', end: '2026-11-10T09:30', allDay: false };
    expect(atLeastAnHour(click).end).toBe('2026-11-10T10:00');
    const drag = { ...click, end: '2026-11-10T12:00' };
    expect(atLeastAnHour(drag)).toEqual(drag);
    const days = { start: '2026-11-10', end: '2026-11-11', allDay: true };
    expect(atLeastAnHour(days)).toEqual(days);
  });
});
