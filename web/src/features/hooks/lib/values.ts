/**
 * Condition operands typed in a text box, read as the field's type: numbers for a
 * number field, text for a string field, JSON literals (`12`, `true`, `null`,
 * `"quoted"`, `[1, 2]`) for a field of any type, falling back to the text itself.
 */

import type { JsonKind } from './schema-fields';

/** Only the kinds a user types (a nullable number is a number here). */
function typedKinds(kinds: JsonKind[]) {
  return kinds.filter((kind) => kind !== 'null');
}

/** `text` as a value of a field of `kinds`; `undefined` when empty (not filled in). */
export function parseOperand(text: string, kinds: JsonKind[]): unknown {
  if (text.trim() === '') return undefined;
  const wanted = typedKinds(kinds);
  if (wanted.length === 1 && wanted[0] === 'number') {
    const number = Number(text.replace(',', '.'));
    return Number.isFinite(number) ? number : text;
  }
  if (wanted.length === 1 && wanted[0] === 'string') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** What the text box shows for a value. */
export function formatOperand(value: unknown, kinds: JsonKind[]): string {
  if (value === undefined) return '';
  const wanted = typedKinds(kinds);
  if (typeof value === 'string') {
    // A string that reads as another literal is quoted, so it stays a string.
    if (wanted.length === 1 && wanted[0] === 'string') return value;
    try {
      JSON.parse(value);
      return JSON.stringify(value);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value);
}

/** A comma-separated list (for `in`), each item read as above. */
export function parseList(text: string, kinds: JsonKind[]): unknown[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => parseOperand(item, kinds));
}

export function formatList(value: unknown, kinds: JsonKind[]): string {
  if (!Array.isArray(value)) return '';
  return value.map((item) => formatOperand(item, kinds)).join(', ');
}
