import { isoToZonedInput, zonedInputToIso } from '@/lib/zoned-time';

/**
 * Calendar days (`YYYY-MM-DD`) and wall-clock times. FullCalendar runs in UTC here and
 * is handed each instant as the wall-clock time of the user's zone written as if it were
 * UTC (what it does itself for a named zone without a zone plugin): these functions
 * convert both ways with lib/zoned-time.
 */

/** `day` moved by `days` (negative: back). */
export function addDays(day: string, days: number): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The calendar day of `iso` in `zone`. */
export function dayIn(iso: string, zone: string): string {
  return isoToZonedInput(iso, zone).slice(0, 10);
}

/** The instant of `day` at `time` (`HH:mm[:ss]`) in `zone` (`…Z`), or null. */
export function instantOf(day: string, time: string, zone: string): string | null {
  return zonedInputToIso(`${day}T${time}`, zone);
}

/** `iso` as the wall-clock time of `zone`, written as UTC for FullCalendar (`YYYY-MM-DDTHH:mm`). */
export function toWall(iso: string, zone: string): string {
  return isoToZonedInput(iso, zone);
}

/** A FullCalendar date (a wall-clock time of `zone` written as UTC) → the instant (`…Z`). */
export function fromWall(date: Date, zone: string): string {
  return zonedInputToIso(date.toISOString().slice(0, 16), zone) ?? date.toISOString();
}

/** A FullCalendar all-day date → its day. */
export function wallDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Monday = 0 … Sunday = 6, for `day`. */
export function weekdayIndex(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}
