import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

import { ApiProblem, type FieldError } from '@/lib/api/problem';
import { i18n } from '@/lib/i18n';

import type { RecordType } from '../api/get-modules';
import { formFields } from './record-schema';

/** The limits a field's rule names, for our messages (`Au moins 3 caractères.`). */
export type RuleLimits = { min?: number | null; max?: number | null };

function ruleValues(recordType: RecordType, code: string): RuleLimits {
  const field = recordType.fields.find((candidate) => candidate.code === code);
  return { min: field?.min_length ?? field?.min, max: field?.max_length ?? field?.max };
}

/** A record field error in our words for its code, with the rule's limits; else the server's. */
export function recordErrorMessage(fieldError: FieldError, limits: RuleLimits) {
  const key = `modules:errors.${fieldError.code}`;
  // A key built at run time, like `translateIfExists`, with the field's limits.
  const translate = i18n.t as (key: string, values: object) => string;
  return i18n.exists(key) ? translate(key, limits) : fieldError.message;
}

/**
 * A refused write's field errors (`data.<field>`) under their fields: our words for
 * codes we know, with the field's limits, else the server's. Returns the fields that
 * took an error; the caller tells the rest (a toast, a banner).
 */
export function applyRecordProblem<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  recordType: RecordType,
): string[] {
  if (!(error instanceof ApiProblem)) return [];
  const codes = new Set(formFields(recordType).map((field) => field.code));
  const placed: string[] = [];
  for (const fieldError of error.problem.errors ?? []) {
    const code = fieldError.field.replace(/^data\./, '');
    if (!fieldError.field.startsWith('data.') || !codes.has(code)) continue;
    const message = recordErrorMessage(fieldError, ruleValues(recordType, code));
    setError(
      code as Path<T>,
      { type: fieldError.code, message },
      { shouldFocus: placed.length === 0 },
    );
    placed.push(code);
  }
  return placed;
}
