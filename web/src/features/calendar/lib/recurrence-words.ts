import type { Language } from '@/lib/i18n';

import { WEEKDAYS, type Ordinal, type Recurrence, type Weekday } from './recurrence';

/**
 * A recurrence in words, in French or English ("Toutes les 2 semaines le mardi jusqu’au
 * 30 juin 2027", "Every 2 weeks on Tuesday until 30 June 2027"). The sentence is built
 * here rather than from catalogue strings: word order, ordinals and agreement differ
 * too much between the two languages for placeholders. Names of days and months come
 * from Intl, so they match the rest of the app.
 */

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** `MO` → "lundi" / "Monday" (1 January 2024 was a Monday). */
export function weekdayName(
  weekday: Weekday,
  language: Language,
  width: 'long' | 'short' = 'long',
) {
  const date = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(weekday)));
  return new Intl.DateTimeFormat(LOCALES[language], { weekday: width, timeZone: 'UTC' }).format(
    date,
  );
}

/** `YYYY-MM-DD` → "30 juin 2027" (French "1er" for the first), or without the year. */
function dayWords(day: string, language: Language, withYear = true) {
  const words = new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
  return language === 'fr' ? words.replace(/^1 /, '1er ') : words;
}

const list = (items: string[], language: Language) =>
  new Intl.ListFormat(LOCALES[language], { type: 'conjunction' }).format(items);

const UNITS = {
  fr: { daily: 'jours', weekly: 'semaines', monthly: 'mois', yearly: 'ans' },
  en: {
    daily: ['day', 'days'],
    weekly: ['week', 'weeks'],
    monthly: ['month', 'months'],
    yearly: ['year', 'years'],
  },
} as const;

type Repeating = Exclude<Recurrence['frequency'], 'none'>;

function englishOrdinal(value: number) {
  const suffix = { one: 'st', two: 'nd', few: 'rd', other: 'th' } as Record<string, string>;
  return `${value}${suffix[new Intl.PluralRules('en-GB', { type: 'ordinal' }).select(value)] ?? 'th'}`;
}

const FRENCH_ORDINALS: Record<Ordinal, string> = {
  1: '1er',
  2: '2e',
  3: '3e',
  4: '4e',
  [-1]: 'dernier',
};

/** Which week of the month: "2e" / "2nd", "dernier" / "last". */
export function ordinalWords(ordinal: Ordinal, language: Language) {
  if (language === 'fr') return FRENCH_ORDINALS[ordinal];
  return ordinal === -1 ? 'last' : englishOrdinal(ordinal);
}

function french(recurrence: Recurrence, frequency: Repeating, start: string) {
  const { interval: n } = recurrence;
  const all = frequency === 'weekly' ? 'Toutes' : 'Tous';
  const every = `${all} les ${n > 1 ? `${n} ` : ''}${UNITS.fr[frequency]}`;
  const weekday = weekdayName(recurrence.weekday, 'fr');
  let text = every;
  if (frequency === 'weekly') {
    text += ` le ${list(
      recurrence.weekdays.map((day) => weekdayName(day, 'fr')),
      'fr',
    )}`;
  } else if (frequency === 'monthly' && recurrence.monthly === 'day') {
    text += ` le ${recurrence.monthDay === 1 ? '1er' : recurrence.monthDay}`;
  } else if (frequency === 'monthly') {
    const which = `${ordinalWords(recurrence.ordinal, 'fr')} ${weekday}`;
    text = n > 1 ? `${every} le ${which}` : `Le ${which} de chaque mois`;
  } else if (frequency === 'yearly') {
    text += ` le ${dayWords(start, 'fr', false)}`;
  }
  if (recurrence.ends === 'until') text += ` jusqu’au ${dayWords(recurrence.until, 'fr')}`;
  if (recurrence.ends === 'count') {
    text += recurrence.count === 1 ? ', une seule fois' : `, ${recurrence.count} fois`;
  }
  return text;
}

function english(recurrence: Recurrence, frequency: Repeating, start: string) {
  const { interval: n } = recurrence;
  const [one, many] = UNITS.en[frequency];
  const every = n > 1 ? `Every ${n} ${many}` : `Every ${one}`;
  const weekday = weekdayName(recurrence.weekday, 'en');
  let text = every;
  if (frequency === 'weekly') {
    text += ` on ${list(
      recurrence.weekdays.map((day) => weekdayName(day, 'en')),
      'en',
    )}`;
  } else if (frequency === 'monthly' && recurrence.monthly === 'day') {
    text += ` on the ${englishOrdinal(recurrence.monthDay)}`;
  } else if (frequency === 'monthly') {
    const which = `${ordinalWords(recurrence.ordinal, 'en')} ${weekday}`;
    text = n > 1 ? `${every} on the ${which}` : `Every ${which} of the month`;
  } else if (frequency === 'yearly') {
    text += ` on ${dayWords(start, 'en', false)}`;
  }
  if (recurrence.ends === 'until') text += ` until ${dayWords(recurrence.until, 'en')}`;
  if (recurrence.ends === 'count') {
    text += recurrence.count === 1 ? ', once' : `, ${recurrence.count} times`;
  }
  return text;
}

/**
 * `recurrence` in a sentence of `language`; `start` (`YYYY-MM-DD`) is the first
 * occurrence's day, which a yearly rule repeats.
 */
export function describeRecurrence(recurrence: Recurrence, language: Language, start: string) {
  const { frequency } = recurrence;
  if (frequency === 'none') return language === 'fr' ? 'Ne se répète pas' : 'Does not repeat';
  return language === 'fr'
    ? french(recurrence, frequency, start)
    : english(recurrence, frequency, start);
}
