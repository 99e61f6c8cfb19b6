import { describe, expect, it } from 'vitest';

import { noRecurrence, parseRule, type Recurrence } from './recurrence';
import { describeRecurrence } from './recurrence-words';

/** A Tuesday. */
const START = '2026-11-10';

/** The words, both languages, of `rule` for an event in Paris starting on `start`. */
function words(rule: string, start = START) {
  const model = parseRule(rule, start, 'Europe/Paris');
  if (!model) throw new Error(`not an editor rule: ${rule}`);
  return { fr: describeRecurrence(model, 'fr', start), en: describeRecurrence(model, 'en', start) };
}

describe('describeRecurrence', () => {
  it('says the issue’s example in both languages', () => {
    expect(words('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270630T215959Z')).toEqual({
      fr: 'Toutes les 2 semaines le mardi jusqu’au 30 juin 2027',
      en: 'Every 2 weeks on Tuesday until 30 June 2027',
    });
  });

  it('names the week of the month and the weekday', () => {
    expect(words('FREQ=MONTHLY;BYDAY=2TU')).toEqual({
      fr: 'Le 2e mardi de chaque mois',
      en: 'Every 2nd Tuesday of the month',
    });
    expect(words('FREQ=MONTHLY;BYDAY=-1FR')).toEqual({
      fr: 'Le dernier vendredi de chaque mois',
      en: 'Every last Friday of the month',
    });
    expect(words('FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO')).toEqual({
      fr: 'Tous les 3 mois le 1er lundi',
      en: 'Every 3 months on the 1st Monday',
    });
  });

  it('says every day, and every n days with a count', () => {
    expect(words('FREQ=DAILY')).toEqual({ fr: 'Tous les jours', en: 'Every day' });
    expect(words('FREQ=DAILY;INTERVAL=3;COUNT=10')).toEqual({
      fr: 'Tous les 3 jours, 10 fois',
      en: 'Every 3 days, 10 times',
    });
    expect(words('FREQ=DAILY;COUNT=1')).toEqual({
      fr: 'Tous les jours, une seule fois',
      en: 'Every day, once',
    });
  });

  it('lists several weekdays as a sentence does', () => {
    expect(words('FREQ=WEEKLY;BYDAY=MO,WE,FR')).toEqual({
      fr: 'Toutes les semaines le lundi, mercredi et vendredi',
      en: 'Every week on Monday, Wednesday and Friday',
    });
  });

  it('gives the day of the month with its ordinal, French “1er” included', () => {
    expect(words('FREQ=MONTHLY;BYMONTHDAY=1;UNTIL=20270701T215959Z')).toEqual({
      fr: 'Tous les mois le 1er jusqu’au 1er juillet 2027',
      en: 'Every month on the 1st until 1 July 2027',
    });
    expect(words('FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=22')).toEqual({
      fr: 'Tous les 2 mois le 22',
      en: 'Every 2 months on the 22nd',
    });
    expect(words('FREQ=MONTHLY;BYMONTHDAY=13').en).toBe('Every month on the 13th');
  });

  it('repeats the start day for a yearly rule', () => {
    expect(words('FREQ=YEARLY', '2027-03-12')).toEqual({
      fr: 'Tous les ans le 12 mars',
      en: 'Every year on 12 March',
    });
    expect(words('FREQ=YEARLY;INTERVAL=2', '2027-03-01').fr).toBe('Tous les 2 ans le 1er mars');
  });

  it('says when it does not repeat', () => {
    const none: Recurrence = noRecurrence(START);
    expect(describeRecurrence(none, 'fr', START)).toBe('Ne se répète pas');
    expect(describeRecurrence(none, 'en', START)).toBe('Does not repeat');
  });
});
