import { z } from 'zod';

import type { EventIn, EventOut } from '../api/types';
import { addDays, instantOf, toWall } from './days';
import {
  FREQUENCIES,
  MAX_COUNT,
  MAX_INTERVAL,
  noRecurrence,
  ORDINALS,
  parseRule,
  toRule,
  WEEKDAYS,
  type Recurrence,
} from './recurrence';
import { MAX_REMINDER, MAX_REMINDERS } from './reminders';

/** The palette offered for an event's colour (`#rrggbb`, as the API takes it). */
export const COLORS = {
  blue: '#2563eb',
  green: '#15803d',
  amber: '#b45309',
  red: '#c62828',
  purple: '#7c3aed',
  slate: '#475569',
} as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;
const whole = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;

const recurrenceSchema = z.object({
  frequency: z.enum(FREQUENCIES),
  interval: z.number(),
  weekdays: z.array(z.enum(WEEKDAYS)),
  monthly: z.enum(['day', 'weekday']),
  monthDay: z.number(),
  ordinal: z.literal(ORDINALS),
  weekday: z.enum(WEEKDAYS),
  ends: z.enum(['never', 'until', 'count']),
  until: z.string(),
  count: z.number(),
}) satisfies z.ZodType<Recurrence>;

type Issue = { path: string[]; message: string };

/** What is wrong with a repetition starting on `start` (only the parts its choices use). */
export function recurrenceIssues(recurrence: Recurrence, start: string): Issue[] {
  const issues: Issue[] = [];
  const add = (field: keyof Recurrence, message: string) =>
    issues.push({ path: ['recurrence', field], message: `calendar:errors.${message}` });
  const { frequency } = recurrence;
  if (frequency === 'none') return issues;
  if (!whole(recurrence.interval, MAX_INTERVAL)) add('interval', 'interval');
  if (frequency === 'weekly' && recurrence.weekdays.length === 0) add('weekdays', 'weekdays');
  if (frequency === 'monthly' && recurrence.monthly === 'day' && !whole(recurrence.monthDay, 31)) {
    add('monthDay', 'month_day');
  }
  if (recurrence.ends === 'count' && !whole(recurrence.count, MAX_COUNT)) add('count', 'count');
  if (recurrence.ends === 'until') {
    if (!DAY.test(recurrence.until)) add('until', 'date');
    else if (recurrence.until < start) add('until', 'until_before_start');
  }
  return issues;
}

/**
 * The event form, with the API's rules (EventIn) checked before sending. Dates and
 * times are typed in the event's own time zone. Messages are i18n keys.
 */
export const eventFormSchema = z
  .object({
    title: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.too_long'),
    all_day: z.boolean(),
    start_date: z.string(),
    start_time: z.string(),
    end_date: z.string(),
    end_time: z.string(),
    time_zone: z.string().min(1, 'errors.field.required'),
    place: z.enum(['site', 'text']),
    location: z.string().max(200, 'errors.field.too_long'),
    site_id: z.string(),
    attendees: z.array(z.string()),
    category: z.string().trim().max(40, 'errors.field.too_long'),
    color: z.string(),
    visibility: z.enum(['company', 'private']),
    reminders: z
      .array(z.number().int().min(0).max(MAX_REMINDER, 'calendar:errors.reminder_range'))
      .max(MAX_REMINDERS, 'calendar:errors.reminders_max'),
    description: z.string().max(5000, 'errors.field.too_long'),
    recurrence: recurrenceSchema,
    /** A rule the editor cannot show, kept as it is until the user picks another one. */
    custom_rule: z.string(),
  })
  .superRefine((value, context) => {
    const issue = (path: string[], message: string) =>
      context.addIssue({ code: 'custom', path, message });
    const dates = (['start_date', 'end_date'] as const).filter((key) => !DAY.test(value[key]));
    dates.forEach((key) => issue([key], 'calendar:errors.date'));
    const times = value.all_day
      ? []
      : (['start_time', 'end_time'] as const).filter((key) => !TIME.test(value[key]));
    times.forEach((key) => issue([key], 'calendar:errors.time'));
    if (dates.length === 0 && times.length === 0) {
      // Both are wall-clock times of the same zone: as text, they sort as time does.
      const start = value.all_day ? value.start_date : `${value.start_date}T${value.start_time}`;
      const end = value.all_day ? value.end_date : `${value.end_date}T${value.end_time}`;
      const before = value.all_day ? end < start : end <= start;
      if (before)
        issue([value.all_day ? 'end_date' : 'end_time'], 'calendar:errors.end_before_start');
    }
    if (!value.custom_rule && DAY.test(value.start_date)) {
      recurrenceIssues(value.recurrence, value.start_date).forEach(({ path, message }) =>
        issue(path, message),
      );
    }
  });

export type EventFormValues = z.input<typeof eventFormSchema>;

type Times = Pick<EventOut, 'starts_at' | 'ends_at' | 'all_day'> & { time_zone?: string };

/** The form's day and time fields for `times`, in `zone` (an all-day end is its last day). */
function timeFields({ starts_at, ends_at, all_day }: Times, zone: string) {
  const [startDay = '', startTime = ''] = toWall(starts_at, zone).split('T');
  const [endDay = '', endTime = ''] = toWall(ends_at, zone).split('T');
  return all_day
    ? {
        start_date: startDay,
        start_time: '09:00',
        end_date: addDays(endDay, -1),
        end_time: '10:00',
      }
    : { start_date: startDay, start_time: startTime, end_date: endDay, end_time: endTime };
}

/** What a new event starts with besides its times. */
const blank = () => ({
  title: '',
  place: 'text' as const,
  location: '',
  site_id: '',
  attendees: [],
  category: '',
  color: '',
  visibility: 'company' as const,
  reminders: [15],
  description: '',
  custom_rule: '',
});

/**
 * A new event's form: from a slot picked on the grid (wall-clock `YYYY-MM-DDTHH:mm`
 * times, or days with the end excluded for a whole-day pick) in the user's `zone`.
 */
export function newEventValues(
  slot: { start: string; end: string; allDay: boolean },
  zone: string,
): EventFormValues {
  const [startDay = '', startTime = '09:00'] = slot.start.split('T');
  const [endDay = '', endTime = '10:00'] = slot.end.split('T');
  return {
    ...blank(),
    all_day: slot.allDay,
    start_date: startDay,
    start_time: startTime,
    end_date: slot.allDay ? addDays(endDay, -1) : endDay,
    end_time: endTime,
    time_zone: zone,
    recurrence: noRecurrence(startDay),
  };
}

/**
 * The form of a saved event; `times` replaces its own for an occurrence of a series
 * (changing `this` one or the `following` ones).
 */
export function eventValues(event: EventOut, times?: Times): EventFormValues {
  const zone = event.time_zone ?? 'UTC';
  const when = timeFields(times ?? event, zone);
  const parsed = event.rrule ? parseRule(event.rrule, when.start_date, zone) : null;
  return {
    title: event.title,
    all_day: event.all_day ?? false,
    ...when,
    time_zone: zone,
    place: event.site_id ? 'site' : 'text',
    location: event.location ?? '',
    site_id: event.site_id ?? '',
    attendees: [...event.invitees],
    category: event.category ?? '',
    color: event.color ?? '',
    visibility: event.visibility ?? 'company',
    reminders: [...(event.reminders ?? [])],
    description: event.description ?? '',
    recurrence: parsed ?? noRecurrence(when.start_date),
    custom_rule: event.rrule && !parsed ? event.rrule : '',
  };
}

const WALL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * The end moved as the start was, from `before` to `after` (`YYYY-MM-DDTHH:mm`), so the
 * event keeps its length; null when one of them is not a full date and time.
 */
export function movedEnd(
  end: { end_date: string; end_time: string },
  before: string,
  after: string,
): { end_date: string; end_time: string } | null {
  const old = `${end.end_date}T${end.end_time}`;
  if (![before, after, old].every((wall) => WALL.test(wall))) return null;
  const step = Date.parse(`${after}Z`) - Date.parse(`${before}Z`);
  const [end_date = '', end_time = ''] = new Date(Date.parse(`${old}Z`) + step)
    .toISOString()
    .slice(0, 16)
    .split('T');
  return { end_date, end_time };
}

/** The request body; `withRule: false` (one occurrence) sends no repetition. */
export function eventBody(value: EventFormValues, { withRule }: { withRule: boolean }): EventIn {
  const zone = value.time_zone;
  const at = (day: string, time: string) => instantOf(day, time, zone) ?? '';
  const rule = value.custom_rule || toRule(value.recurrence, zone);
  return {
    title: value.title.trim(),
    description: value.description.trim() || null,
    starts_at: value.all_day
      ? at(value.start_date, '00:00')
      : at(value.start_date, value.start_time),
    ends_at: value.all_day
      ? at(addDays(value.end_date, 1), '00:00')
      : at(value.end_date, value.end_time),
    all_day: value.all_day,
    time_zone: zone,
    ...(withRule ? { rrule: rule } : {}),
    location: value.place === 'text' ? value.location.trim() || null : null,
    site_id: value.place === 'site' ? value.site_id || null : null,
    attendees: value.attendees,
    category: value.category.trim() || null,
    color: value.color || null,
    visibility: value.visibility,
    reminders: [...value.reminders].sort((a, b) => a - b),
  };
}
