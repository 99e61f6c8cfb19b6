import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

import { ApiProblem } from '@/lib/api/problem';
import { i18n } from '@/lib/i18n';

import type { RecordType } from '../api/get-modules';
import { formFields } from './record-schema';

/** The values a field's rule names, for our messages (`Au moins 3 caractères.`). */
function ruleValues(recordType: RecordType, code: string) {
  const field = recordType.fields.find((candidate) => candidate.code === code);
  return { min: field?.min_length ?? field?.min, max: field?.max_length ?? field?.max };
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
    const key = `modules:errors.${fieldError.code}`;
    // A key built at run time, like `translateIfExists`, with the field's limits.
    const translate = i18n.t as (key: string, values: object) => string;
    const message = i18n.exists(key)
      ? translate(key, ruleValues(recordType, code))
      : fieldError.message;
    setError(
      code as Path<T>,
      { type: fieldError.code, message },
      { shouldFocus: placed.length === 0 },
    );
    placed.push(code);
  }
  return placed;
}
