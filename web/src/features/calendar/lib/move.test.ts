import { describe, expect, it } from 'vitest';

import { droppedTimes, shiftedSeries } from './move';

const PARIS = 'Europe/Paris';
/** FullCalendar's dates: wall-clock times of Paris written as UTC. */
const wall = (text: string) => new Date(`${text}Z`);

describe('droppedTimes', () => {
  const meeting = {
    all_day: false,
    time_zone: PARIS,
    starts_at: '2026-11-10T08:00:00Z',
    ends_at: '2026-11-10T09:00:00Z',
  };

  it('reads a timed drop as wall-clock times of the reader’s zone', () => {
    expect(
      droppedTimes(meeting, wall('2026-11-12T10:30'), wall('2026-11-12T11:30'), PARIS),
    ).toEqual({ starts_at: '2026-11-12T09:30:00Z', ends_at: '2026-11-12T10:30:00Z' });
  });

  it('keeps the length when FullCalendar gives no end', () => {
    expect(droppedTimes(meeting, wall('2026-11-12T10:30'), null, PARIS).ends_at).toBe(
      '2026-11-12T10:30:00Z',
    );
  });

  it('puts an all-day event on its zone’s midnights, the end excluded', () => {
    const audit = { ...meeting, all_day: true, time_zone: 'Asia/Tokyo' };
    expect(droppedTimes(audit, wall('2026-11-16T00:00'), wall('2026-11-18T00:00'), PARIS)).toEqual({
      starts_at: '2026-11-15T15:00:00Z',
      ends_at: '2026-11-17T15:00:00Z',
    });
  });
});

describe('shiftedSeries', () => {
  it('moves a series by the wall-clock step of its occurrence, across a change of time', () => {
    // A summer series (UTC+2) whose winter occurrence (UTC+1) went from 09:00 to 10:00.
    const series = {
      starts_at: '2026-09-01T07:00:00Z',
      ends_at: '2026-09-01T08:00:00Z',
      time_zone: PARIS,
    };
    const before = { starts_at: '2026-11-10T08:00:00Z', ends_at: '2026-11-10T09:00:00Z' };
    const after = { starts_at: '2026-11-10T09:00:00Z', ends_at: '2026-11-10T10:30:00Z' };
    expect(shiftedSeries(series, before, after)).toEqual({
      starts_at: '2026-09-01T08:00:00Z',
      ends_at: '2026-09-01T09:30:00Z',
    });
  });
});
