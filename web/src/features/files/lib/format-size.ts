const UNITS = {
  fr: ['o', 'Ko', 'Mo', 'Go', 'To'],
  en: ['B', 'KB', 'MB', 'GB', 'TB'],
} as const;

/**
 * A byte count for people: `532 o`, `1,4 Mo` / `532 B`, `1.4 MB` (powers of 1024, one
 * decimal under 10 units, none above, as file managers show them).
 */
export function formatSize(bytes: number, language: string): string {
  const units = language === 'en' ? UNITS.en : UNITS.fr;
  const locale = language === 'en' ? 'en-GB' : 'fr-FR';
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(
    // Rounded here, so 1023.96 KB reads `1 024 Ko` rather than jumping a unit.
    Number(value.toFixed(digits)),
  );
  return `${number}\u00a0${units[unit]}`;
}

/** A share of the quota, 0 to 100 (a quota of 0 bytes is full as soon as anything is kept). */
export function percentUsed(used: number, quota: number): number {
  if (quota <= 0) return used > 0 ? 100 : 0;
  return Math.min(100, Math.max(0, (used / quota) * 100));
}
