/** Reminders are minutes before the start: at most 5, at most 4 weeks (40,320 minutes). */
export const MAX_REMINDERS = 5;
export const MAX_REMINDER = 40_320;

/** The one-click choices: 15 minutes, 1 hour, 1 day. */
export const REMINDER_PRESETS = [15, 60, 1440] as const;

export const REMINDER_UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
export type ReminderUnit = keyof typeof REMINDER_UNITS;

/** `minutes` in the largest unit that counts it whole: 1440 → 1 day, 90 → 90 minutes. */
export function reminderParts(minutes: number): { count: number; unit: ReminderUnit } {
  if (minutes > 0 && minutes % REMINDER_UNITS.days === 0) {
    return { count: minutes / REMINDER_UNITS.days, unit: 'days' };
  }
  if (minutes > 0 && minutes % REMINDER_UNITS.hours === 0) {
    return { count: minutes / REMINDER_UNITS.hours, unit: 'hours' };
  }
  return { count: minutes, unit: 'minutes' };
}
