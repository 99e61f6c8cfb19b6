import type { Occurrence, Scope } from '../api/types';

/** The answer to "change which events?" for an occurrence of a series. */
export type Choice = Scope | 'all';
export const CHOICES = ['this', 'following', 'all'] as const satisfies readonly Choice[];

/** The row a PATCH or DELETE goes to, and which of its occurrences. */
export type Target = { id: string; query?: { occurrence: string; scope: Scope } };

type Addressed = Pick<Occurrence, 'event_id' | 'series_id' | 'original_start' | 'recurring'>;

/**
 * Where to send a change of `occurrence` for `choice`. A single event is its own row.
 * In a series, "all" is the series' row; "this" or "following" add the occurrence's
 * original start and the scope, except "this" for an occurrence already changed on
 * its own, which is its own row (an override).
 */
export function targetOf(occurrence: Addressed, choice: Choice): Target {
  const id = occurrence.event_id;
  const series = occurrence.series_id ?? null;
  const start = occurrence.original_start ?? null;
  if (!occurrence.recurring || start === null) return { id };
  if (choice === 'all') return { id: series ?? id };
  if (choice === 'this' && series !== null) return { id };
  return { id: series ?? id, query: { occurrence: start, scope: choice } };
}
