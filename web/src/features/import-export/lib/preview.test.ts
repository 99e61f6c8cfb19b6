import { describe, expect, it } from 'vitest';

import { importResult, userFields } from '../testing/fixtures';
import { blocked, cellProblems, problemsByLine, remap, shownFields } from './preview';

describe('shownFields', () => {
  it('lists the mapped fields in the file’s column order, ignored columns left out', () => {
    const result = importResult({
      columns: ['Name', 'Notes', 'E-mail'],
      mapping: { Name: 'full_name', Notes: null, 'E-mail': 'email' },
    });
    expect(shownFields(result, userFields).map((field) => field.label)).toEqual([
      'Full name',
      'Email',
    ]);
  });

  it('names a field the resource does not list by its code', () => {
    const result = importResult({ columns: ['x'], mapping: { x: 'shoe_size' } });
    expect(shownFields(result, userFields)).toMatchObject([
      { name: 'shoe_size', label: 'shoe_size' },
    ]);
  });
});

describe('remap', () => {
  it('gives the column its field, and takes the field from the column that had it', () => {
    expect(remap({ A: 'email', B: null, C: 'full_name' }, 'B', 'email')).toEqual({
      A: null,
      B: 'email',
      C: 'full_name',
    });
  });

  it('ignores a column, leaving the others alone', () => {
    expect(remap({ A: 'email', B: 'full_name' }, 'A', null)).toEqual({ A: null, B: 'full_name' });
  });
});

describe('cellProblems and problemsByLine', () => {
  it('joins a cell’s messages and keeps whole-row problems apart', () => {
    const cells = cellProblems({
      line: 3,
      values: {},
      problems: [
        { line: 3, column: 'email', code: 'invalid_email', message: 'Not an email address.' },
        { line: 3, column: 'email', code: 'duplicate', message: 'Twice in the file.' },
        { line: 3, column: null, code: 'too_many_cells', message: 'Too many cells.' },
      ],
    });
    expect(cells.get('email')).toBe('Not an email address.\nTwice in the file.');
    expect(cells.get(null)).toBe('Too many cells.');
  });

  it('groups by line, in line order', () => {
    const grouped = problemsByLine([
      { line: 5, column: 'email', code: 'a', message: 'A' },
      { line: 2, column: null, code: 'b', message: 'B' },
      { line: 5, column: 'roles', code: 'c', message: 'C' },
    ]);
    expect(grouped.map(({ line, problems }) => [line, problems.length])).toEqual([
      [2, 1],
      [5, 2],
    ]);
  });
});

describe('blocked', () => {
  it('stops on a missing field first, then on no valid row, then on errors when all or nothing', () => {
    expect(blocked(importResult({ missing: ['email'] }), true)).toBe('missing');
    expect(blocked(importResult({ valid: 0, rejected: 2, total: 2 }), true)).toBe('none_valid');
    expect(blocked(importResult({ valid: 2, rejected: 1, total: 3 }), false)).toBe('errors');
    expect(blocked(importResult({ valid: 2, rejected: 1, total: 3 }), true)).toBeNull();
    expect(blocked(importResult({ valid: 3, rejected: 0, total: 3 }), false)).toBeNull();
  });
});
