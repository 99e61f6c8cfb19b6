import type { FieldOut, ImportResult, Mapping, PreviewRow, RowProblem } from '../api/types';

/**
 * The fields the preview's table shows, in the order of the file's columns: each field
 * a column maps to, once.
 */
export function shownFields(result: ImportResult, fields: FieldOut[]): FieldOut[] {
  const byName = new Map(fields.map((field) => [field.name, field]));
  const names = new Set<string>();
  for (const column of result.columns) {
    const name = result.mapping[column];
    if (name) names.add(name);
  }
  return [...names].map(
    (name) =>
      byName.get(name) ?? {
        name,
        label: name,
        kind: 'text',
        required: false,
        example: '',
        choices: [],
      },
  );
}

/** A row's problems by field (`null`: the whole row), their messages joined for a tooltip. */
export function cellProblems(row: PreviewRow): Map<string | null, string> {
  const cells = new Map<string | null, string>();
  for (const problem of row.problems) {
    const column = problem.column ?? null;
    const before = cells.get(column);
    cells.set(column, before ? `${before}\n${problem.message}` : problem.message);
  }
  return cells;
}

/** Problems grouped by line, lines in order, each line's problems as the server gave them. */
export function problemsByLine(problems: RowProblem[]): { line: number; problems: RowProblem[] }[] {
  const lines = new Map<number, RowProblem[]>();
  for (const problem of problems) {
    const list = lines.get(problem.line);
    if (list) list.push(problem);
    else lines.set(problem.line, [problem]);
  }
  return [...lines.entries()]
    .sort(([a], [b]) => a - b)
    .map(([line, list]) => ({ line, problems: list }));
}

/**
 * The mapping once `column` feeds `field` (`null`: ignored). A field is fed by one
 * column: another column that fed it is ignored from then on.
 */
export function remap(mapping: Mapping, column: string, field: string | null): Mapping {
  const next: Mapping = {};
  for (const [header, current] of Object.entries(mapping)) {
    next[header] = field !== null && current === field ? null : current;
  }
  next[column] = field;
  return next;
}

/** Whether the import can go on, and if not why: the reason's key under `preview.blocked`. */
export type Blocked = 'missing' | 'none_valid' | 'errors' | null;

export function blocked(result: ImportResult, validOnly: boolean): Blocked {
  if (result.missing.length > 0) return 'missing';
  if (result.valid === 0) return 'none_valid';
  if (result.rejected > 0 && !validOnly) return 'errors';
  return null;
}

/** The rows an import would write: every row, or only the valid ones. */
export const rowsToImport = (result: ImportResult, validOnly: boolean) =>
  validOnly ? result.valid : result.total;
