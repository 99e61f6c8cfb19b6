const SEPARATED = /^([01]?\d|2[0-3])\s*[:hH.]\s*([0-5]\d)(?::([0-5]\d))?$/;
const DIGITS = /^([01]\d|2[0-3])([0-5]\d)$/;

/**
 * A time of day as typed (`22:00`, `8:30`, `22h00`, `2200`, `07.15`), as the API's
 * `HH:MM` (or `HH:MM:SS` when seconds are given); null when it is no time.
 */
export function parseTime(text: string): string | null {
  const trimmed = text.trim();
  const match = SEPARATED.exec(trimmed) ?? DIGITS.exec(trimmed);
  if (!match) return null;
  const [, hours = '', minutes = '', seconds] = match;
  const time = `${hours.padStart(2, '0')}:${minutes}`;
  return seconds && seconds !== '00' ? `${time}:${seconds}` : time;
}
