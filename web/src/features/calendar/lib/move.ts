import type { EventOut, Occurrence } from '../api/types';
import { addDays, fromWall, instantOf, toWall, wallDay } from './days';

type Times = { starts_at: string; ends_at: string };

/**
 * Where a drag on the grid put `occurrence`: FullCalendar's new `start` and `end`
 * (wall-clock times of the reader's `zone` written as UTC; days for an all-day event,
 * whose midnights are those of its own zone).
 */
export function droppedTimes(
  occurrence: Pick<Occurrence, 'all_day' | 'time_zone' | 'starts_at' | 'ends_at'>,
  start: Date,
  end: Date | null,
  zone: string,
): Times {
  if (occurrence.all_day) {
    const first = wallDay(start);
    const after = end ? wallDay(end) : addDays(first, 1);
    const midnight = (day: string) => instantOf(day, '00:00', occurrence.time_zone) ?? '';
    return { starts_at: midnight(first), ends_at: midnight(after) };
  }
  const starts_at = fromWall(start, zone);
  const length = Date.parse(occurrence.ends_at) - Date.parse(occurrence.starts_at);
  const ends_at = end
    ? fromWall(end, zone)
    : new Date(Date.parse(starts_at) + length).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { starts_at, ends_at };
}

/** The wall-clock step from `from` to `to` in `zone`, in ms (a DST change does not count). */
function wallStep(from: string, to: string, zone: string) {
  return Date.parse(`${toWall(to, zone)}Z`) - Date.parse(`${toWall(from, zone)}Z`);
}

function shifted(iso: string, step: number, zone: string) {
  return fromWall(new Date(Date.parse(`${toWall(iso, zone)}Z`) + step), zone);
}

/**
 * A whole series moved as one of its occurrences was: its own start and end shifted
 * by the same wall-clock steps in the series' zone (a 09:00 meeting dragged to 10:00
 * is at 10:00 on every date, summer or winter).
 */
export function shiftedSeries(
  series: Pick<EventOut, 'starts_at' | 'ends_at' | 'time_zone'>,
  before: Times,
  after: Times,
): Times {
  const zone = series.time_zone ?? 'UTC';
  return {
    starts_at: shifted(series.starts_at, wallStep(before.starts_at, after.starts_at, zone), zone),
    ends_at: shifted(series.ends_at, wallStep(before.ends_at, after.ends_at, zone), zone),
  };
}
