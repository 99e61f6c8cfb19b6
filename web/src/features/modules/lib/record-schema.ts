import { z } from 'zod';

import type { FieldDef, RecordType } from '../api/get-modules';
import { asText } from './format-value';
import { isoToZonedInput, zonedInputToIso } from '@/lib/zoned-time';

/** What the form holds: text for every input, a boolean for a checkbox. */
export type FormValues = Record<string, string | boolean>;
/** What the API takes: values by field code, `null` for none. */
export type RecordData = Record<string, unknown>;

/** A message in the UI language (`modules:errors.*`), with its values. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

export type SchemaOptions = {
  t: Translate;
  /** The user's time zone, for `datetime` fields. */
  zone: string;
  /** Fields made required on top of the type's own (those a workflow state needs). */
  require?: readonly string[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The fields a form shows: every one but attachments, which are files attached to the
 * saved record (the record's files card), not data (the server answers `read_only`).
 */
export function formFields(recordType: RecordType): FieldDef[] {
  return recordType.fields.filter((field) => field.type !== 'attachment');
}

/** The attachment fields: each takes the files of one purpose. */
export function fileFields(recordType: RecordType): FieldDef[] {
  return recordType.fields.filter((field) => field.type === 'attachment' && field.purpose);
}

/** A field's pattern, anchored as the server anchors it; undefined if JavaScript cannot read it. */
function compilePattern(source: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(`^(?:${source})$`, flags);
    } catch {
      // Rust's syntax differs a little: try without the `u` flag, then give up (the server checks).
    }
  }
  return undefined;
}

function isCalendarDate(text: string) {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Numbers typed the French way (`12,5`) too. */
function parseNumber(text: string): number | undefined {
  const normal = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normal)) return undefined;
  const value = Number(normal);
  return Number.isFinite(value) ? value : undefined;
}

function hasAtMostTwoDecimals(value: number) {
  return Math.abs(Math.round(value * 100) - value * 100) < 1e-6;
}

/** One field's rule: text in, the API's value (or `null`) out, each problem in words. */
function fieldSchema(field: FieldDef, { t, zone, require = [] }: SchemaOptions) {
  if (field.type === 'boolean') return z.boolean();
  const required = field.required || require.includes(field.code);
  const missing = field.required ? t('errors.required') : t('errors.required_for_state');
  const pattern = field.pattern ? compilePattern(field.pattern) : undefined;
  const choices = new Set((field.choices ?? []).map((choice) => choice.value));

  return z.string().transform((raw, context): unknown => {
    const fail = (message: string) => {
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    const text = raw.trim();
    if (!text) return required ? fail(missing) : null;

    switch (field.type) {
      case 'text':
      case 'long_text': {
        const length = [...text].length;
        if (field.min_length != null && length < field.min_length)
          return fail(t('errors.too_short', { min: field.min_length }));
        if (field.max_length != null && length > field.max_length)
          return fail(t('errors.too_long', { max: field.max_length }));
        if (pattern && !pattern.test(text)) return fail(t('errors.pattern_mismatch'));
        return field.type === 'long_text' ? text.replace(/\r\n/g, '\n') : text;
      }
      case 'number':
      case 'money': {
        const value = parseNumber(text);
        if (value === undefined) return fail(t('errors.number'));
        if (field.type === 'money' && !hasAtMostTwoDecimals(value))
          return fail(t('errors.too_many_decimals'));
        if (field.min != null && value < field.min)
          return fail(t('errors.too_small', { min: field.min }));
        if (field.max != null && value > field.max)
          return fail(t('errors.too_large', { max: field.max }));
        return field.type === 'money' ? Math.round(value * 100) / 100 : value;
      }
      case 'date':
        return isCalendarDate(text) ? text : fail(t('errors.invalid_date'));
      case 'datetime':
        return zonedInputToIso(text, zone) ?? fail(t('errors.invalid_datetime'));
      case 'choice':
        return choices.has(text) ? text : fail(t('errors.invalid_choice'));
      case 'link':
        return UUID.test(text) ? text.toLowerCase() : fail(t('errors.invalid_link'));
      default:
        return text;
    }
  });
}

/**
 * The Zod schema of a record type's form, built from its definition: the checks the
 * server makes on each value (`records/value.rs`), so that errors show before sending.
 * Its output is the API's `data`, with `null` for an empty field.
 */
export function recordSchema(recordType: RecordType, options: SchemaOptions) {
  const shape = Object.fromEntries(
    formFields(recordType).map((field) => [field.code, fieldSchema(field, options)]),
  );
  return z.object(shape) as unknown as z.ZodType<RecordData, FormValues>;
}

/** A value of the API as the form's input shows it. */
function toInput(field: FieldDef, value: unknown, zone: string): string | boolean {
  if (field.type === 'boolean') return value === true;
  if (value === null || value === undefined) return '';
  if (field.type === 'datetime' && typeof value === 'string') return isoToZonedInput(value, zone);
  return asText(value);
}

/** The form's first values: the record's (editing) or the fields' defaults (creating). */
export function initialValues(
  recordType: RecordType,
  zone: string,
  data?: RecordData | null,
): FormValues {
  return Object.fromEntries(
    formFields(recordType).map((field) => [
      field.code,
      toInput(field, data ? data[field.code] : field.default, zone),
    ]),
  );
}

/** Whether two values of `field` are the same (an instant written two ways, 12 and 12.0). */
function same(field: FieldDef, before: unknown, after: unknown) {
  if (field.type === 'boolean') return (before === true) === (after === true);
  const a = before ?? null;
  const b = after ?? null;
  if (a === null || b === null) return a === b;
  if (field.type === 'datetime') return Date.parse(asText(a)) === Date.parse(asText(b));
  if (field.type === 'number' || field.type === 'money') return Number(a) === Number(b);
  return a === b;
}

/** What a PATCH sends: only the fields whose value changed (`null` clears one). */
export function changedData(recordType: RecordType, before: RecordData, after: RecordData) {
  const change: RecordData = {};
  for (const field of formFields(recordType)) {
    if (!same(field, before[field.code], after[field.code])) {
      change[field.code] = after[field.code] ?? null;
    }
  }
  return change;
}

/** What a POST sends: the values given (empty fields left out). */
export function createdData(recordType: RecordType, values: RecordData) {
  return Object.fromEntries(
    formFields(recordType)
      .map((field) => [field.code, values[field.code]] as const)
      .filter(([, value]) => value !== null && value !== undefined),
  );
}
