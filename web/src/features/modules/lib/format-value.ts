import type { FieldDef } from '../api/get-modules';
import { labelOf } from './labels';

export type ValueFormat = {
  language: string;
  /** `fr-FR` or `en-GB`, as `useFormat` gives it. */
  locale: string;
  /** An instant in the user's time zone (`useFormat().dateTime`). */
  dateTime: (iso: string) => string;
};

/** A JSON value as text (objects as JSON, never `[object Object]`). */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** Whether a value is "nothing" (shown as a dash). */
export function isEmpty(value: unknown) {
  return value === null || value === undefined || value === '';
}

/**
 * A field's value in words, for every type but links (which name another record and
 * need a look-up): a choice's label, yes/no, numbers and amounts the locale's way,
 * a date as a calendar day (no time zone), an instant in the user's time zone.
 */
export function formatValue(
  field: FieldDef,
  value: unknown,
  format: ValueFormat,
  words: { yes: string; no: string },
): string {
  if (isEmpty(value)) return '';
  switch (field.type) {
    case 'boolean':
      return value === true ? words.yes : words.no;
    case 'choice': {
      const choice = field.choices?.find((candidate) => candidate.value === value);
      return choice ? labelOf(choice.label, format.language) : asText(value);
    }
    case 'number':
      return typeof value === 'number'
        ? new Intl.NumberFormat(format.locale).format(value)
        : asText(value);
    case 'money':
      if (typeof value !== 'number') return asText(value);
      try {
        return new Intl.NumberFormat(format.locale, {
          ...(field.currency ? { style: 'currency', currency: field.currency } : {}),
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        }).format(value);
      } catch {
        return new Intl.NumberFormat(format.locale, { minimumFractionDigits: 2 }).format(value);
      }
    case 'date': {
      // A calendar day: shown as written, whatever the time zone.
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asText(value));
      if (!match) return asText(value);
      const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      return new Intl.DateTimeFormat(format.locale, {
        dateStyle: 'medium',
        timeZone: 'UTC',
      }).format(day);
    }
    case 'datetime':
      return format.dateTime(asText(value));
    default:
      return asText(value);
  }
}
