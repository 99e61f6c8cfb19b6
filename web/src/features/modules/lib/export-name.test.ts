import { describe, expect, it } from 'vitest';

import { parseExportName } from './export-name';

describe('parseExportName', () => {
  it('reads the package, its version and when it was exported', () => {
    expect(parseExportName('lifting-1.0.0-20261206T214500Z.json')).toEqual({
      code: 'lifting',
      version: '1.0.0',
      exportedAt: '2026-12-06T21:45:00Z',
    });
  });

  it('keeps a pre-release version whole, dashes included', () => {
    expect(parseExportName('site_audit-2.1.0-rc-1-20270102T080000Z.json')).toMatchObject({
      code: 'site_audit',
      version: '2.1.0-rc-1',
    });
  });

  it('gives up on a name in another shape', () => {
    expect(parseExportName('notes.json')).toBeNull();
    expect(parseExportName('lifting-1.0.0-2026-12-06.json')).toBeNull();
  });
});
