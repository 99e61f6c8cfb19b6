import type { Schemas } from '@/lib/api/client';

export type Kpis = Schemas['Kpis'];
export type Rates = Schemas['Rates'];
export type HoursRow = Schemas['HoursOut'];

/** Every indicator query starts with this key: saving hours refreshes the dashboard too. */
export const KPIS_KEY = ['hse', 'kpis'] as const;
export const HOURS_KEY = ['hse', 'hours'] as const;

/** Whose rates the tiles show (`RatesByEmployer`'s fields). */
export const POPULATIONS = ['all', 'employees', 'contractors'] as const;
export type Population = (typeof POPULATIONS)[number];

/** The rates, in the order the tiles show them; TRIR, DART and severity per 200,000 h. */
export const RATES = [
  { key: 'trir', cases: 'recordable_cases', base: 'per_200k' },
  { key: 'ltif', cases: 'lost_time_injuries', base: 'per_1m' },
  { key: 'dart', cases: 'dart_cases', base: 'per_200k' },
  { key: 'trifr', cases: 'recordable_cases', base: 'per_1m' },
  { key: 'severity_rate', cases: 'days_lost', base: 'per_200k' },
] as const satisfies readonly {
  key: keyof Rates;
  cases: keyof Rates;
  base: 'per_200k' | 'per_1m';
}[];

/** The server's most hours for one site and month (`MAX_HOURS`: 10,000 people × 24 h × 31 days). */
export const MAX_HOURS = 10_000 * 24 * 31;
