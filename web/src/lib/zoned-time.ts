/**
 * A `datetime` field is an instant (the server keeps it in UTC, `…Z`), typed and shown
 * as a wall-clock time in the user's time zone (their profile's, as every date shown).
 * `<input type="datetime-local">` speaks `YYYY-MM-DDTHH:mm`; these convert both ways.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The wall-clock fields of `instant` in `zone`, as if they were UTC (ms). */
function wallClock(instant: number, zone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
  return Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
}

/** `YYYY-MM-DDTHH:mm` in `zone` → the instant, as the API writes it (`…Z`); null if invalid. */
export function zonedInputToIso(local: string, zone: string): string | null {
  const match = LOCAL.exec(local.trim());
  if (!match) return null;
  const part = (index: number) => Number(match[index] ?? 0);
  const [year, month, day, hour, minute] = [part(1), part(2), part(3), part(4), part(5)];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, part(6));
  const check = new Date(asUtc);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59
  ) {
    return null;
  }
  // The zone's offset at that moment, then once more around a change of offset.
  let instant = asUtc - (wallClock(asUtc, zone) - asUtc);
  instant = asUtc - (wallClock(instant, zone) - instant);
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An instant (RFC 3339) → `YYYY-MM-DDTHH:mm` in `zone`, for the input; '' if unreadable. */
export function isoToZonedInput(iso: string, zone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  return new Date(wallClock(instant, zone)).toISOString().slice(0, 16);
}
