import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

/** The signed-in user's time zone (from their profile), else the browser's. */
let timeZone: string | undefined;
const listeners = new Set<() => void>();

export function setUserTimeZone(zone: string | undefined) {
  if (zone === timeZone) return;
  timeZone = zone;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Safe against a time zone the browser does not know. */
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions, zone?: string) {
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
  } catch {
    return new Intl.DateTimeFormat(locale, options);
  }
}

/**
 * Dates and numbers in the UI language and the user's time zone. Every date shown in
 * the app goes through these, never `toLocaleString()` with defaults.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const zone = useSyncExternalStore(subscribe, () => timeZone);
  const locale = i18n.language === 'en' ? 'en-GB' : 'fr-FR';
  const dateTime = dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }, zone);
  const date = dateTimeFormat(locale, { dateStyle: 'medium' }, zone);
  const calendarDay = dateTimeFormat(locale, { dateStyle: 'medium' }, 'UTC');
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const number = new Intl.NumberFormat(locale);
  return {
    locale,
    timeZone: zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    dateTime: (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—'),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '—'),
    /** A calendar day (`YYYY-MM-DD`, a due date): the same day in every time zone. */
    day: (day: string) => calendarDay.format(new Date(`${day}T00:00:00Z`)),
    number: (value: number) => number.format(value),
    /** "5 minutes ago", "yesterday"; past or future. */
    relative: (iso: string, now = Date.now()) => {
      const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
      const steps: [Intl.RelativeTimeFormatUnit, number][] = [
        ['second', 60],
        ['minute', 60],
        ['hour', 24],
        ['day', 30],
        ['month', 12],
      ];
      let value = seconds;
      for (const [unit, size] of steps) {
        if (Math.abs(value) < size) return relative.format(value, unit);
        value = Math.round(value / size);
      }
      return relative.format(value, 'year');
    },
  };
}
