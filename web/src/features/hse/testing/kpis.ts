import type { Kpis, Rates } from '../lib/kpis';

/** One population's rates over `hours` (rates null without hours, as the API answers). */
export function rates(hours: number, overrides: Partial<Rates> = {}): Rates {
  const per = (cases: number, base: number) => (hours > 0 ? (cases * base) / hours : null);
  return {
    hours,
    recordable_cases: 2,
    dart_cases: 1,
    lost_time_injuries: 1,
    days_lost: 6,
    trir: per(2, 200_000),
    dart: per(1, 200_000),
    severity_rate: per(6, 200_000),
    ltif: per(1, 1_000_000),
    trifr: per(2, 1_000_000),
    ...overrides,
  };
}

/** A year's indicators as the API returns them, with what a test cares about changed. */
export function kpis(overrides: Partial<Kpis> = {}): Kpis {
  return {
    from: '2025-12',
    to: '2026-11',
    site_id: null,
    incidents: 5,
    by_severity: { low: 1, medium: 2, high: 1, critical: 1 },
    by_type: { injury: 2, near_miss: 3 },
    by_status: { submitted: 3, closed: 2 },
    by_month: [
      { month: '2026-10', total: 2, by_severity: { low: 1, medium: 1 } },
      { month: '2026-11', total: 3, by_severity: { medium: 1, high: 1, critical: 1 } },
    ],
    by_site: [{ site_id: null, name: null, total: 5 }],
    actions: { open: 4, overdue: 2 },
    rates: { all: rates(400_000), employees: rates(250_000), contractors: rates(150_000) },
    ...overrides,
  };
}
