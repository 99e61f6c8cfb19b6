/**
 * The period and site the dashboard and the hours page show, as the address keeps them
 * (`/hse/dashboard?from=2026-01&to=2026-06&site_id=…`). Months are `YYYY-MM`, as the API
 * reads them; what is left out falls back to the last 12 months, like the API's default.
 */
export type PeriodSearch = { from?: string; to?: string; site_id?: string };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The API reads 60 months at most in one request. */
export const MAX_MONTHS = 60;

export const isMonth = (value: unknown): value is string =>
  typeof value === 'string' && MONTH.test(value);

/** `2026-11` plus `count` months (negative goes back). */
export function addMonths(month: string, count: number) {
  const [year = 0, index = 1] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, index - 1 + count, 1));
  return date.toISOString().slice(0, 7);
}

/** How many months from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string) {
  const [fromYear = 0, fromMonth = 0] = from.split('-').map(Number);
  const [toYear = 0, toMonth = 0] = to.split('-').map(Number);
  return (toYear - fromYear) * 12 + (toMonth - fromMonth) + 1;
}

/** The current month in UTC, as the API counts months. */
export const currentMonth = (now = new Date()) => now.toISOString().slice(0, 7);

/**
 * The address's search parameters, with what is malformed dropped (hand-edited links).
 * A `from` after `to`, or more than 60 months before it, is dropped too: the period then
 * falls back to the 12 months up to `to`.
 */
export function periodSearch(search: Record<string, unknown>): PeriodSearch {
  const to = isMonth(search.to) ? search.to : undefined;
  let from = isMonth(search.from) ? search.from : undefined;
  if (from) {
    const span = monthsBetween(from, to ?? currentMonth());
    if (span < 1 || span > MAX_MONTHS) from = undefined;
  }
  const site_id =
    typeof search.site_id === 'string' && search.site_id.trim() ? search.site_id.trim() : undefined;
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(site_id ? { site_id } : {}),
  };
}

/** The months the page shows: what the address says, else the last 12 up to `to`. */
export function resolvePeriod(search: PeriodSearch, now = new Date()) {
  const to = search.to ?? currentMonth(now);
  const from = search.from ?? addMonths(to, -11);
  return { from, to, ...(search.site_id ? { site_id: search.site_id } : {}) };
}
export type PeriodQuery = ReturnType<typeof resolvePeriod>;
