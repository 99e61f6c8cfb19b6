import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { toast } from 'sonner';

import { ApiProblem } from '@/lib/api/problem';
import { i18n, translateIfExists } from '@/lib/i18n';

/**
 * The message for one field error: ours when we have a translation for its code
 * (`errors.field.<code>`), else the API's own words.
 */
function fieldMessage(code: string, apiMessage: string) {
  return translateIfExists(`errors.field.${code}`) ?? apiMessage;
}

/** The message for a whole-request problem: ours for known codes, else the API's `detail`. */
export function problemMessage(error: unknown): string {
  if (error instanceof ApiProblem) {
    return (
      translateIfExists(`errors.code.${error.code}`) ??
      (error.problem.detail || error.problem.title)
    );
  }
  return i18n.t('errors.unexpected');
}

/** The form's fields named like the API's (`['email', 'address.city']`), or API name → form name. */
export type ProblemFields<T extends FieldValues> =
  readonly Path<T>[] | Partial<Record<string, Path<T>>>;

function formField<T extends FieldValues>(
  fields: ProblemFields<T>,
  apiField: string,
): Path<T> | undefined {
  if (Array.isArray(fields)) {
    return (fields as readonly Path<T>[]).find((name) => name === apiField);
  }
  return (fields as Partial<Record<string, Path<T>>>)[apiField];
}

/**
 * Puts a failed submit's problem+json where the user looks: each `errors[]` entry under
 * its field (API field paths: `address.city`, `items[2].qty`), the `detail` in a toast
 * when no field took it. Returns the fields that received an error.
 */
export function applyProblem<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: ProblemFields<T>,
): Path<T>[] {
  const placed: Path<T>[] = [];
  if (error instanceof ApiProblem) {
    for (const fieldError of error.problem.errors ?? []) {
      const field = formField(fields, fieldError.field);
      if (!field) continue;
      setError(
        field,
        { type: fieldError.code, message: fieldMessage(fieldError.code, fieldError.message) },
        { shouldFocus: placed.length === 0 },
      );
      placed.push(field);
    }
  }
  if (placed.length === 0) toast.error(problemMessage(error));
  return placed;
}
