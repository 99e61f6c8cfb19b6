import { describe, expect, it } from 'vitest';

import { i18n } from '@/lib/i18n';

import { cronText, everyText, scheduleText, type SchedulerT } from './schedule';

const fr: SchedulerT = i18n.getFixedT('fr', 'scheduler');
const en: SchedulerT = i18n.getFixedT('en', 'scheduler');
const inFrench = (cron: string) => cronText(cron, fr, 'fr-FR');
const inEnglish = (cron: string) => cronText(cron, en, 'en-GB');

describe('everyText', () => {
  it('says a period in its largest whole unit, singular for one', () => {
    expect(everyText(60, fr)).toBe('Toutes les minutes');
    expect(everyText(60, en)).toBe('Every minute');
    expect(everyText(3600, fr)).toBe('Toutes les heures');
    expect(everyText(3600, en)).toBe('Every hour');
    expect(everyText(86_400, en)).toBe('Every day');
    expect(everyText(7200, fr)).toBe('Toutes les 2 heures');
    expect(everyText(5400, en)).toBe('Every 90 minutes');
    expect(everyText(90, fr)).toBe('Toutes les 90 secondes');
    expect(everyText(1, en)).toBe('Every second');
  });
});

describe('cronText', () => {
  it('reads days and times, in the language asked', () => {
    expect(inFrench('0 0 7 * * Mon-Fri')).toBe('Du lundi au vendredi à 07:00');
    expect(inEnglish('0 0 7 * * Mon-Fri')).toBe('Monday to Friday at 07:00');
    expect(inFrench('0 0 7 * * *')).toBe('Tous les jours à 07:00');
    expect(inEnglish('0 30 6,18 * * ?')).toBe('Every day at 06:30 and 18:30');
    expect(inFrench('15 5 23 * * *')).toBe('Tous les jours à 23:05:15');
  });

  it('lists days that do not follow each other, Monday first', () => {
    expect(inEnglish('0 0 9 * * Sun,Sat')).toBe('Every Saturday and Sunday at 09:00');
    expect(inFrench('0 0 9 * * Mon,Wed,Fri')).toBe('Chaque lundi, mercredi et vendredi à 09:00');
    expect(inEnglish('0 0 9 * * tue')).toBe('Every Tuesday at 09:00');
    expect(inEnglish('0 0 9 * * Mon-Sat,Sun')).toBe('Every day at 09:00');
  });

  it('reads a day of the month', () => {
    expect(inFrench('0 0 2 1 * *')).toBe('Le 1er de chaque mois à 02:00');
    expect(inEnglish('0 0 2 15 * ?')).toBe('On day 15 of every month at 02:00');
  });

  it('reads evenly spaced steps and hourly times', () => {
    expect(inEnglish('0 */15 * * * *')).toBe('Every 15 minutes');
    expect(inFrench('0 * * * * *')).toBe('Toutes les minutes');
    expect(inFrench('0 0 * * * *')).toBe('Toutes les heures');
    expect(inEnglish('0 30 * * * *')).toBe('Every hour, at minute 30');
    expect(inFrench('0 0 */6 * * *')).toBe('Toutes les 6 heures');
    expect(inEnglish('@daily')).toBe('Every day at 00:00');
    expect(inEnglish('0 0 7 * * * *')).toBe('Every day at 07:00');
  });

  it('gives up (null) rather than say something wrong', () => {
    // Numbered weekdays: the cron crate counts Sunday = 1, unlike most crons.
    expect(inEnglish('0 0 7 * * 1-5')).toBeNull();
    // Uneven steps: minute 56 is followed by minute 0, not 3.
    expect(inEnglish('0 */7 * * * *')).toBeNull();
    expect(inEnglish('0 0 */5 * * *')).toBeNull();
    expect(inEnglish('0 0 7 * Jan *')).toBeNull();
    expect(inEnglish('0 0 7 1 * Mon')).toBeNull();
    expect(inEnglish('0 0 7 * * Fri-Mon')).toBeNull();
    expect(inEnglish('0 0 * * * Mon')).toBeNull();
    expect(inEnglish('0 0 7-9 * * *')).toBeNull();
    expect(inEnglish('0 0 7 * * * 2030')).toBeNull();
    expect(inEnglish('every morning')).toBeNull();
    expect(inEnglish('0 0 24 * * *')).toBeNull();
  });
});

describe('scheduleText', () => {
  it('prefers the period, and shows an unusual cron expression as it is', () => {
    expect(scheduleText({ every_secs: 3600, cron: null }, en, 'en-GB')).toBe('Every hour');
    expect(scheduleText({ cron: '0 0 7 * * Mon-Fri' }, fr, 'fr-FR')).toBe(
      'Du lundi au vendredi à 07:00',
    );
    expect(scheduleText({ cron: '0 0 7 * * 1-5' }, en, 'en-GB')).toBe('0 0 7 * * 1-5');
    expect(scheduleText({}, en, 'en-GB')).toBe('—');
  });
});
