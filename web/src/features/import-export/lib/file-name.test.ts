import { describe, expect, it } from 'vitest';

import { dispositionName } from './file-name';

describe('dispositionName', () => {
  it('reads the quoted name', () => {
    expect(dispositionName('attachment; filename="users-template.csv"', 'x.csv')).toBe(
      'users-template.csv',
    );
  });

  it('prefers the UTF-8 name when both are given', () => {
    expect(
      dispositionName(
        `attachment; filename="sites.xlsx"; filename*=UTF-8''sites-%C3%A9t%C3%A9.xlsx`,
        'x.xlsx',
      ),
    ).toBe('sites-été.xlsx');
  });

  it('reads an unquoted name', () => {
    expect(dispositionName('attachment; filename=rows.json', 'x.json')).toBe('rows.json');
  });

  it('falls back without a header or a name, and drops path separators', () => {
    expect(dispositionName(null, 'x.csv')).toBe('x.csv');
    expect(dispositionName('attachment', 'x.csv')).toBe('x.csv');
    expect(dispositionName('attachment; filename="../../etc/passwd"', 'x')).toBe(
      '.._.._etc_passwd',
    );
  });
});
