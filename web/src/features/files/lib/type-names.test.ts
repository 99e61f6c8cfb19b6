import { describe, expect, it } from 'vitest';

import { typeNames } from './type-names';

describe('typeNames', () => {
  it('names media types by the extensions people know, once each', () => {
    expect(typeNames(['image/jpeg', 'image/png', 'image/webp'])).toBe('JPEG, PNG, WEBP');
    expect(
      typeNames([
        'application/pdf',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.oasis.opendocument.text',
        'application/vnd.ms-powerpoint',
        'text/plain',
      ]),
    ).toBe('PDF, DOCX, ODT, PPT, TXT');
    expect(
      typeNames(['application/x-foo', 'application/vnd.acme.thing', 'text/plain', 'text/plain']),
    ).toBe('FOO, THING, TXT');
  });
});
