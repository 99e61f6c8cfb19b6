import type { TFunction } from 'i18next';

/** `t` of the `scheduler` namespace, fixed to one language in tests. */
export type SchedulerT = TFunction<'scheduler'>;

/** A job's schedule as the API gives it: a period, or a cron expression. */
export type JobSchedule = { every_secs?: number | null; cron?: string | null };

/** "Every hour", "Every 15 minutes": a period in its largest whole unit. */
export function everyText(seconds: number, t: SchedulerT): string {
  if (seconds > 0 && seconds % 86_400 === 0) return t('every.day', { count: seconds / 86_400 });
  if (seconds > 0 && seconds % 3_600 === 0) return t('every.hour', { count: seconds / 3_600 });
  if (seconds > 0 && seconds % 60 === 0) return t('every.minute', { count: seconds / 60 });
  return t('every.second', { count: seconds });
}

/** The cron crate's shorthands, as the six fields they stand for. */
const SHORTHANDS: Record<string, string> = {
  '@daily': '0 0 0 * * *',
  '@weekly': '0 0 0 * * Sun',
  '@monthly': '0 0 0 1 * *',
  '@hourly': '0 0 * * * *',
};

/** Day names the cron crate takes, as JavaScript day numbers (Sunday = 0). */
const DAY_NAMES: Record<string, number> = {
  sun: 0,
  sunday: 0,
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
};

const isAny = (field: string) => field === '*' || field === '?';

/** A plain number within bounds, else null. */
function number(field: string, min: number, max: number): number | null {
  if (!/^\d{1,2}$/.test(field)) return null;
  const value = Number(field);
  return value >= min && value <= max ? value : null;
}

/** n of a step field (star, slash, n) when n divides `size` (evenly spaced runs), else null. */
function step(field: string, size: number): number | null {
  const match = /^\*\/(\d{1,2})$/.exec(field);
  if (!match) return null;
  const value = Number(match[1]);
  return value > 0 && value < size && size % value === 0 ? value : null;
}

/**
 * Named days (`Mon-Fri`, `Sat,Sun`) as JavaScript day numbers. Numbered days are left
 * out on purpose: the cron crate counts them from Sunday = 1, unlike most crons.
 */
function weekdays(field: string): Set<number> | null {
  const days = new Set<number>();
  // The crate's own order (Sunday first): a range runs forward within one week.
  const rank = (day: number) => day + 1;
  for (const item of field.split(',')) {
    const [from, to, ...rest] = item.toLowerCase().split('-');
    const start = from === undefined ? undefined : DAY_NAMES[from];
    const end = to === undefined ? start : DAY_NAMES[to];
    if (start === undefined || end === undefined || rest.length > 0) return null;
    if (rank(end) < rank(start)) return null;
    for (let day = start; day <= end; day++) days.add(day);
  }
  return days;
}

/** Monday first, as people read a week in both languages here. */
const mondayFirst = (day: number) => (day + 6) % 7;

function dayName(day: number, locale: string) {
  // 7 January 2024 was a Sunday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 7 + day)),
  );
}

/** "Every day", "Monday to Friday", "On day 1 of every month"; null when not that simple. */
function daysText(
  dayOfMonth: string,
  month: string,
  dayOfWeek: string,
  t: SchedulerT,
  locale: string,
): { text: string; everyDay: boolean } | null {
  const text = (words: string) => ({ text: words, everyDay: false });
  if (month !== '*') return null;
  if (isAny(dayOfMonth)) {
    const everyDay = { text: t('cron.every_day'), everyDay: true };
    if (isAny(dayOfWeek)) return everyDay;
    const days = weekdays(dayOfWeek);
    if (!days) return null;
    if (days.size === 7) return everyDay;
    const ordered = [...days].sort((a, b) => mondayFirst(a) - mondayFirst(b));
    const first = ordered[0]!;
    const last = ordered[ordered.length - 1]!;
    const contiguous = mondayFirst(last) - mondayFirst(first) === ordered.length - 1;
    if (contiguous && ordered.length >= 3) {
      return text(
        t('cron.weekdays_range', { from: dayName(first, locale), to: dayName(last, locale) }),
      );
    }
    const names = ordered.map((day) => dayName(day, locale));
    return text(
      t('cron.weekdays_list', {
        days: new Intl.ListFormat(locale, { type: 'conjunction' }).format(names),
      }),
    );
  }
  if (!isAny(dayOfWeek)) return null;
  const day = number(dayOfMonth, 1, 31);
  if (day === null) return null;
  return text(day === 1 ? t('cron.first_of_month') : t('cron.day_of_month', { day }));
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A cron expression (`sec min hour day month weekday [year]`) in words — "Monday to
 * Friday at 07:00", "Every 15 minutes" — or null when it is not one of the simple
 * shapes (the caller then shows the expression itself). The times are in the
 * scheduler's time zone, which the caller names.
 */
export function cronText(expression: string, t: SchedulerT, locale: string): string | null {
  const trimmed = expression.trim();
  const fields = (SHORTHANDS[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length === 7 && fields[6] === '*') fields.pop();
  if (fields.length !== 6) return null;
  const [secondField, minuteField, hourField, dayOfMonth, month, dayOfWeek] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const second = number(secondField, 0, 59);
  if (second === null) return null;
  const days = daysText(dayOfMonth, month, dayOfWeek, t, locale);
  if (days === null) return null;
  const { everyDay } = days;

  if (hourField === '*') {
    if (!everyDay) return null;
    if (minuteField === '*') return t('every.minute', { count: 1 });
    const minutes = step(minuteField, 60);
    if (minutes !== null) return t('every.minute', { count: minutes });
    const minute = number(minuteField, 0, 59);
    if (minute === null) return null;
    return minute === 0 ? t('every.hour', { count: 1 }) : t('cron.hourly_at', { minute });
  }
  const minute = number(minuteField, 0, 59);
  if (minute === null) return null;
  const hours = step(hourField, 24);
  if (hours !== null) {
    return everyDay && minute === 0 && second === 0 ? t('every.hour', { count: hours }) : null;
  }
  const times: string[] = [];
  for (const item of hourField.split(',')) {
    const hour = number(item, 0, 23);
    if (hour === null) return null;
    times.push(`${pad(hour)}:${pad(minute)}${second ? `:${pad(second)}` : ''}`);
  }
  return t('cron.at', {
    days: days.text,
    times: new Intl.ListFormat(locale, { type: 'conjunction' }).format(times),
  });
}

/** The schedule in words; a cron expression too unusual for words comes back as is. */
export function scheduleText(job: JobSchedule, t: SchedulerT, locale: string): string {
  if (job.every_secs !== null && job.every_secs !== undefined) return everyText(job.every_secs, t);
  if (job.cron) return cronText(job.cron, t, locale) ?? job.cron;
  return '—';
}
