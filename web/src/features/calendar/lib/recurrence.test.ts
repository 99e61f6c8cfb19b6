import { describe, expect, it } from 'vitest';

import { noRecurrence, ordinalOf, parseRule, toRule, type Recurrence } from './recurrence';

const PARIS = 'Europe/Paris';
/** A Tuesday. */
const START = '2026-11-10';

const rule = (changes: Partial<Recurrence>, start = START) =>
  toRule({ ...noRecurrence(start), ...changes }, PARIS);

describe('toRule', () => {
  it('writes nothing for an event that does not repeat', () => {
    expect(rule({})).toBeNull();
  });

  it('writes the contract’s example: every 2 weeks on Tuesday until 30 June 2027 (Paris)', () => {
    // The whole of 30 June in Paris (UTC+2 in summer) ends at 21:59:59 UTC.
    expect(rule({ frequency: 'weekly', interval: 2, ends: 'until', until: '2027-06-30' })).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270630T215959Z',
    );
  });

  it('lists weekdays Monday first, whatever order they were picked in', () => {
    expect(rule({ frequency: 'weekly', weekdays: ['FR', 'MO', 'WE'] })).toBe(
      'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    );
  });

  it('writes a monthly rule by day of the month or by weekday of a week', () => {
    expect(rule({ frequency: 'monthly', monthDay: 15, ends: 'count', count: 6 })).toBe(
      'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=6',
    );
    expect(rule({ frequency: 'monthly', monthly: 'weekday', ordinal: 2, weekday: 'TU' })).toBe(
      'FREQ=MONTHLY;BYDAY=2TU',
    );
    expect(rule({ frequency: 'monthly', monthly: 'weekday', ordinal: -1, weekday: 'FR' })).toBe(
      'FREQ=MONTHLY;BYDAY=-1FR',
    );
  });

  it('writes daily and yearly rules with their interval only', () => {
    expect(rule({ frequency: 'daily', interval: 3 })).toBe('FREQ=DAILY;INTERVAL=3');
    expect(rule({ frequency: 'yearly' })).toBe('FREQ=YEARLY');
  });
});

describe('parseRule', () => {
  const editorRules = [
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=3;COUNT=10',
    'FREQ=WEEKLY;BYDAY=TU',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270630T215959Z',
    'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=1',
    'FREQ=MONTHLY;BYMONTHDAY=31',
    'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU',
    'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231T225959Z',
    'FREQ=YEARLY;INTERVAL=2',
  ];

  it.each(editorRules)('reads back what the editor writes: %s', (written) => {
    const model = parseRule(written, START, PARIS);
    expect(model).not.toBeNull();
    expect(toRule(model!, PARIS)).toBe(written);
  });

  it('reads the editor’s fields out of a rule', () => {
    expect(parseRule('RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=5', START, PARIS)).toMatchObject({
      frequency: 'monthly',
      monthly: 'weekday',
      ordinal: 2,
      weekday: 'TU',
      ends: 'count',
      count: 5,
    });
    expect(parseRule('FREQ=WEEKLY;UNTIL=20270630T215959Z', START, PARIS)).toMatchObject({
      weekdays: ['TU'],
      ends: 'until',
      until: '2027-06-30',
    });
  });

  it('takes a date-only or floating UNTIL as the day written', () => {
    expect(parseRule('FREQ=DAILY;UNTIL=20270630', START, PARIS)?.until).toBe('2027-06-30');
    expect(parseRule('FREQ=DAILY;UNTIL=20270630T235959', START, PARIS)?.until).toBe('2027-06-30');
  });

  it('keeps its defaults from the start day for what the rule leaves out', () => {
    expect(parseRule('freq=monthly', '2026-11-29', PARIS)).toMatchObject({
      monthly: 'day',
      monthDay: 29,
      ordinal: -1,
      weekday: 'SU',
    });
  });

  it.each([
    'FREQ=HOURLY',
    'FREQ=WEEKLY;BYDAY=XX',
    'FREQ=WEEKLY;BYDAY=MO,MO',
    'FREQ=DAILY;BYDAY=MO',
    'FREQ=MONTHLY;BYDAY=MO,TU',
    'FREQ=MONTHLY;BYDAY=5MO',
    'FREQ=MONTHLY;BYDAY=2TU;BYMONTHDAY=3',
    'FREQ=YEARLY;BYMONTH=3',
    'FREQ=DAILY;COUNT=3;UNTIL=20270101',
    'FREQ=DAILY;INTERVAL=0',
    'FREQ=DAILY;;',
    'INTERVAL=2',
    '',
  ])('answers null for what the editor cannot show: %s', (unknown) => {
    expect(parseRule(unknown, START, PARIS)).toBeNull();
  });
});

describe('ordinalOf', () => {
  it('says which week of its month a day falls in, the fifth being the last', () => {
    expect(ordinalOf('2026-11-10')).toBe(2);
    expect(ordinalOf('2026-11-28')).toBe(4);
    expect(ordinalOf('2026-11-29')).toBe(-1);
  });
});
