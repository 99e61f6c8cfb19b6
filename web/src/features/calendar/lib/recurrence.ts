import { addDays, dayIn, instantOf, weekdayIndex } from './days';

/**
 * The recurrence editor's model and its RRULE (RFC 5545), both ways. The editor writes
 * a subset: FREQ DAILY|WEEKLY|MONTHLY|YEARLY, INTERVAL, BYDAY (weekdays; one ordinal
 * weekday for monthly: `2TU`, `-1FR`), BYMONTHDAY (monthly), and COUNT or UNTIL.
 * `parseRule` reads that subset back and answers null for anything else.
 */

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const FREQUENCIES = ['none', 'daily', 'weekly', 'monthly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
/** Which week of the month: 1st to 4th, or the last (-1). */
export const ORDINALS = [1, 2, 3, 4, -1] as const;
export type Ordinal = (typeof ORDINALS)[number];
export type Ends = 'never' | 'until' | 'count';

export type Recurrence = {
  frequency: Frequency;
  /** Every `interval` days, weeks, months or years (1..99). */
  interval: number;
  /** Weekly: the days it happens on. */
  weekdays: Weekday[];
  /** Monthly: on a day of the month (`15`) or on a weekday of a week (`2nd Tuesday`). */
  monthly: 'day' | 'weekday';
  monthDay: number;
  ordinal: Ordinal;
  weekday: Weekday;
  ends: Ends;
  /** Last day (`YYYY-MM-DD`, in the event's time zone), for `ends: 'until'`. */
  until: string;
  /** How many times, for `ends: 'count'`. */
  count: number;
};

export const MAX_INTERVAL = 99;
export const MAX_COUNT = 999;

/** The weekday of `day` (`YYYY-MM-DD`). */
export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[weekdayIndex(day)] ?? 'MO';
}

/** The week of the month `day` falls in: 1..4, or -1 (the last) from the 29th on. */
export function ordinalOf(day: string): Ordinal {
  const week = Math.ceil(Number(day.slice(8, 10)) / 7);
  return week > 4 ? -1 : (week as Ordinal);
}

/** "Does not repeat", with the other choices ready from the start day. */
export function noRecurrence(start: string): Recurrence {
  return {
    frequency: 'none',
    interval: 1,
    weekdays: [weekdayOf(start)],
    monthly: 'day',
    monthDay: Number(start.slice(8, 10)),
    ordinal: ordinalOf(start),
    weekday: weekdayOf(start),
    ends: 'never',
    until: addDays(start, 90),
    count: 10,
  };
}

/** `2027-06-30T21:59:59Z` → `20270630T215959Z`. */
const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

/** The RRULE value (without `RRULE:`), or null for "does not repeat". */
export function toRule(recurrence: Recurrence, timeZone: string): string | null {
  const { frequency, interval } = recurrence;
  if (frequency === 'none') return null;
  const parts = [`FREQ=${frequency.toUpperCase()}`];
  if (interval > 1) parts.push(`INTERVAL=${interval}`);
  if (frequency === 'weekly') {
    const days = WEEKDAYS.filter((day) => recurrence.weekdays.includes(day));
    parts.push(`BYDAY=${days.join(',')}`);
  } else if (frequency === 'monthly') {
    parts.push(
      recurrence.monthly === 'day'
        ? `BYMONTHDAY=${recurrence.monthDay}`
        : `BYDAY=${recurrence.ordinal}${recurrence.weekday}`,
    );
  }
  if (recurrence.ends === 'count') parts.push(`COUNT=${recurrence.count}`);
  if (recurrence.ends === 'until') {
    // Through the whole last day, where the event's zone has it.
    const end = instantOf(recurrence.until, '23:59:59', timeZone);
    if (end) parts.push(`UNTIL=${compact(end)}`);
  }
  return parts.join(';');
}

const WHOLE = /^[1-9]\d*$/;
const UNTIL = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;

/** An UNTIL value → its day in `timeZone` (a UTC time) or as written (a floating one). */
function untilDay(value: string, timeZone: string): string | null {
  const match = UNTIL.exec(value);
  if (!match) return null;
  const [, year, month, date, hour, minute, second, utc] = match;
  const day = `${year}-${month}-${date}`;
  if (!hour || !utc) return day;
  return dayIn(`${day}T${hour}:${minute}:${second}Z`, timeZone) || null;
}

const isWeekday = (value: string): value is Weekday =>
  (WEEKDAYS as readonly string[]).includes(value);

/** An ordinal weekday (`2TU`, `-1FR`) of a monthly rule, or null. */
function ordinalWeekday(value: string): { ordinal: Ordinal; weekday: Weekday } | null {
  const match = /^([+-]?\d)([A-Z]{2})$/.exec(value);
  const ordinal = Number(match?.[1]);
  const weekday = match?.[2] ?? '';
  if (!(ORDINALS as readonly number[]).includes(ordinal) || !isWeekday(weekday)) return null;
  return { ordinal: ordinal as Ordinal, weekday };
}

/**
 * The editor's model of `rule` (with or without `RRULE:`), for an event starting on
 * `start` in `timeZone`; null when the rule says more than the editor can show.
 */
export function parseRule(rule: string, start: string, timeZone: string): Recurrence | null {
  const fields = new Map<string, string>();
  for (const part of rule
    .replace(/^RRULE:/i, '')
    .trim()
    .split(';')) {
    const [key, value, extra] = part.split('=');
    if (!key || value === undefined || extra !== undefined || fields.has(key.toUpperCase())) {
      return null;
    }
    fields.set(key.toUpperCase(), value.toUpperCase());
  }
  const recurrence = noRecurrence(start);
  const take = (key: string) => {
    const value = fields.get(key);
    fields.delete(key);
    return value;
  };

  const frequency = take('FREQ')?.toLowerCase();
  if (
    !frequency ||
    frequency === 'none' ||
    !(FREQUENCIES as readonly string[]).includes(frequency)
  ) {
    return null;
  }
  recurrence.frequency = frequency as Frequency;
  const interval = take('INTERVAL') ?? '1';
  if (!WHOLE.test(interval) || Number(interval) > MAX_INTERVAL) return null;
  recurrence.interval = Number(interval);

  const byDay = take('BYDAY');
  const byMonthDay = take('BYMONTHDAY');
  if (frequency === 'weekly' && byMonthDay === undefined) {
    const days = byDay?.split(',') ?? [weekdayOf(start)];
    if (!days.every(isWeekday) || new Set(days).size !== days.length) return null;
    recurrence.weekdays = WEEKDAYS.filter((day) => days.includes(day));
  } else if (frequency === 'monthly' && (byDay === undefined || byMonthDay === undefined)) {
    if (byDay !== undefined) {
      const found = ordinalWeekday(byDay);
      if (!found) return null;
      Object.assign(recurrence, { monthly: 'weekday', ...found });
    } else if (byMonthDay !== undefined) {
      if (!WHOLE.test(byMonthDay) || Number(byMonthDay) > 31) return null;
      recurrence.monthDay = Number(byMonthDay);
    }
  } else if (byDay !== undefined || byMonthDay !== undefined) {
    return null;
  }

  const count = take('COUNT');
  const until = take('UNTIL');
  if (count !== undefined && until !== undefined) return null;
  if (count !== undefined) {
    if (!WHOLE.test(count) || Number(count) > MAX_COUNT) return null;
    Object.assign(recurrence, { ends: 'count', count: Number(count) });
  } else if (until !== undefined) {
    const day = untilDay(until, timeZone);
    if (!day) return null;
    Object.assign(recurrence, { ends: 'until', until: day });
  }
  // The week's first day changes nothing the editor writes.
  take('WKST');
  return fields.size === 0 ? recurrence : null;
}
