import type { Period } from '../api/get-sequences';

/**
 * A number as the server writes it (`platform/sequences/format.rs`): `PREFIX-PERIOD-VALUE`,
 * the value zero-padded to `padding` digits (a longer value is written whole); without
 * a period, `PREFIX-VALUE`.
 */
export function renderNumber(prefix: string, periodKey: string, padding: number, value: number) {
  const digits = String(Math.max(0, Math.trunc(value))).padStart(Math.max(0, padding), '0');
  return periodKey ? `${prefix}-${periodKey}-${digits}` : `${prefix}-${digits}`;
}

/**
 * The period key for `period`: the server's current one when the period is unchanged,
 * else today's on this browser's calendar (the server uses the company's time zone, so
 * a preview made on the last evening of a month may differ; the server's word wins).
 */
export function periodKey(
  period: Period,
  saved: { period: Period; period_key: string },
  now = new Date(),
) {
  if (period === saved.period) return saved.period_key;
  const year = String(now.getFullYear());
  if (period === 'year') return year;
  if (period === 'month') return `${year}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  return '';
}
