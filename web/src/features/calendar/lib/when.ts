import { addDays, dayIn } from './days';

type Timed = { starts_at: string; ends_at: string; all_day: boolean; time_zone: string };

function format(locale: string, options: Intl.DateTimeFormatOptions) {
  try {
    return new Intl.DateTimeFormat(locale, options);
  } catch {
    // A zone this browser does not know: the browser's own.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: undefined });
  }
}

/**
 * When an occurrence happens, in words of `locale`: "mardi 10 novembre 2026, 09:00 – 10:30"
 * in `zone` (the reader's), or its days for an all-day one, which are the same days
 * wherever one reads them ("Tuesday 10 – Thursday 12 November 2026").
 */
export function describeWhen(occurrence: Timed, locale: string, zone: string): string {
  if (!occurrence.all_day) {
    const words = format(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: zone });
    return words.formatRange(new Date(occurrence.starts_at), new Date(occurrence.ends_at));
  }
  const first = dayIn(occurrence.starts_at, occurrence.time_zone);
  const last = addDays(dayIn(occurrence.ends_at, occurrence.time_zone), -1);
  const words = format(locale, { dateStyle: 'full', timeZone: 'UTC' });
  const day = (value: string) => new Date(`${value}T00:00:00Z`);
  return last <= first ? words.format(day(first)) : words.formatRange(day(first), day(last));
}

/** A day (`YYYY-MM-DD`) in words of `locale`: "10 nov. 2026". */
export function describeDay(day: string, locale: string): string {
  return format(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
