import type { FieldError } from '@/lib/api/problem';

/** The columns `POST /api/v1/hse/hours/import` reads, in the template's order. */
export const HOURS_COLUMNS = ['site', 'month', 'employee_hours', 'contractor_hours'] as const;

/** A file to start from: the header and one example line (a site of the company, last month). */
export function hoursTemplate(siteName: string, month: string) {
  const quoted = /[",;\n]/.test(siteName) ? `"${siteName.replaceAll('"', '""')}"` : siteName;
  return `${HOURS_COLUMNS.join(',')}\n${quoted},${month},18250.5,9120\n`;
}

/**
 * The first `count` lines of a CSV text, split in cells, for a preview before sending.
 * Only a preview: the server reads quotes and decimal commas properly; here a quoted
 * cell holding the separator may show split.
 */
export function previewCsv(text: string, count = 5) {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const header = lines[0] ?? '';
  // A spreadsheet saved in French separates with `;` (the server reads both).
  const separator = header.includes(';') && !header.includes(',') ? ';' : ',';
  const split = (line: string) =>
    line.split(separator).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
  return {
    header: split(header),
    rows: lines.slice(1, count + 1).map(split),
    more: Math.max(0, lines.length - 1 - count),
  };
}

/** An import problem by line: `lines[3].month` is line 3's month; others are about the file. */
export type ImportError = { line: number | null; column: string; code: string; message: string };

export function importErrors(errors: FieldError[]): ImportError[] {
  return errors
    .map(({ field, code, message }) => {
      const match = /^lines\[(\d+)\]\.(\w+)$/.exec(field);
      return match
        ? { line: Number(match[1]), column: match[2] ?? field, code, message }
        : { line: null, column: field, code, message };
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
