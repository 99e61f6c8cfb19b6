import type { FieldDef, RecordType } from '../api/get-modules';
import { zonedInputToIso } from '@/lib/zoned-time';

/** Filter inputs by the API's parameter name (`result`, `due_date_from`, `due_date_to`). */
export type FilterValues = Record<string, string>;

/** Whether a filter field is given as a range (`_from` / `_to`) rather than one value. */
export function isRange(field: FieldDef) {
  return ['number', 'money', 'date', 'datetime'].includes(field.type);
}

/** The type's filter fields, in their declared order (attachments never filter). */
export function filterFields(recordType: RecordType): FieldDef[] {
  return (recordType.filters ?? [])
    .map((code) => recordType.fields.find((field) => field.code === code))
    .filter((field): field is FieldDef => !!field && field.type !== 'attachment');
}

/**
 * The list's query parameters from the filter inputs: blanks left out; a `datetime`
 * range, typed as days, from the start of the first to the end of the last, in the
 * user's time zone (ranges include their ends on the server).
 */
export function filterParams(recordType: RecordType, values: FilterValues, zone: string) {
  const params: Record<string, string> = {};
  for (const field of filterFields(recordType)) {
    const names = isRange(field) ? [`${field.code}_from`, `${field.code}_to`] : [field.code];
    for (const name of names) {
      const raw = values[name]?.trim();
      if (!raw) continue;
      if (field.type === 'datetime') {
        const time = name.endsWith('_from') ? 'T00:00:00' : 'T23:59:59';
        const instant = zonedInputToIso(`${raw}${time}`, zone);
        if (instant) params[name] = instant;
      } else if (field.type === 'number' || field.type === 'money') {
        params[name] = raw.replace(',', '.');
      } else {
        params[name] = raw;
      }
    }
  }
  return params;
}
