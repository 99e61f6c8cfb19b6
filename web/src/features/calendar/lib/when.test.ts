import { describe, expect, it } from 'vitest';

import { describeWhen } from './when';

const meeting = {
  starts_at: '2026-11-10T08:00:00Z',
  ends_at: '2026-11-10T09:30:00Z',
  all_day: false,
  time_zone: 'Europe/Paris',
};

/** Intl's words with its thin and no-break spaces read as plain ones. */
const words = (...args: Parameters<typeof describeWhen>) =>
  describeWhen(...args).replace(/\s/g, ' ');

describe('describeWhen', () => {
  it('says a timed occurrence in the reader’s zone and language', () => {
    expect(words(meeting, 'fr-FR', 'Europe/Paris')).toBe('mardi 10 novembre 2026, 09:00 – 10:30');
    // Lagos is UTC+1 too; New York is five hours behind.
    expect(words(meeting, 'en-GB', 'America/New_York')).toMatch(
      /^Tuesday,? 10 November 2026, 03:00 ?– ?04:30$/,
    );
  });

  it('says an all-day occurrence’s days, the same wherever one reads them', () => {
    const audit = {
      ...meeting,
      all_day: true,
      starts_at: '2026-11-15T23:00:00Z',
      ends_at: '2026-11-17T23:00:00Z',
    };
    expect(words(audit, 'en-GB', 'America/New_York')).toMatch(
      /^Monday,? 16 November ?– ?Tuesday,? 17 November 2026$/,
    );
    const oneDay = { ...audit, ends_at: '2026-11-16T23:00:00Z' };
    expect(words(oneDay, 'fr-FR', 'Europe/Paris')).toBe('lundi 16 novembre 2026');
  });
});
