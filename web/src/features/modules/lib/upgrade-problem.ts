import type { FieldError } from '@/lib/api/problem';

import type { RecordType } from '../api/get-modules';
import { labelOf } from './labels';
import { recordErrorMessage, type RuleLimits } from './record-problem';

/** Codes whose message names a limit of the field's rule. */
const LIMITED = new Set(['too_short', 'too_long', 'too_small', 'too_large']);

/**
 * The limit in a rule error's server message (`must be at most 50 characters`): the new
 * version's limits are in no other place the upgrade report gives.
 */
function limitIn(message: string): RuleLimits | null {
  const found = /-?\d+(?:\.\d+)?/.exec(message);
  return found ? { min: Number(found[0]), max: Number(found[0]) } : null;
}

/**
 * One reason a record does not validate against a package's new version, in words:
 * its field's label (from the installed definition; a field the new version adds goes
 * by its code) and what is wrong, in our words when we know the code.
 */
export function upgradeProblem(
  fieldError: FieldError,
  recordType: RecordType | undefined,
  language: string,
) {
  const code = fieldError.field.replace(/^data\./, '');
  const field = recordType?.fields.find((candidate) => candidate.code === code);
  const label = field ? labelOf(field.label, language) : code;
  if (!LIMITED.has(fieldError.code)) {
    return { field: label, message: recordErrorMessage(fieldError, {}) };
  }
  const limits = limitIn(fieldError.message);
  return {
    field: label,
    message: limits ? recordErrorMessage(fieldError, limits) : fieldError.message,
  };
}
