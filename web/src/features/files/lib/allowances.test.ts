import { describe, expect, it } from 'vitest';

import type { Attachment } from '../api/get-attachments';
import type { Purposes } from '../api/get-purposes';
import { allowances, defaultPurpose, precheck, purposeLabel } from './allowances';

const purposes: Purposes = {
  purposes: [
    { code: 'photo', label_fr: 'Photo', label_en: 'Photo', types: ['image/jpeg'], max_bytes: 100 },
    {
      code: 'document',
      label_fr: 'Document',
      label_en: 'Document',
      types: ['application/pdf'],
      max_bytes: 1000,
    },
  ],
  records: [
    {
      model: 'user',
      purposes: [
        { purpose: 'document', max_per_record: 20 },
        { purpose: 'photo', max_per_record: 2 },
      ],
    },
  ],
};

const attached = (purpose: string, id: string) =>
  ({ id, file: { purpose } }) as unknown as Attachment;

describe('allowances', () => {
  it('counts what the record holds of each purpose it takes, in the server’s order', () => {
    const list = allowances(purposes, 'user', [
      attached('photo', 'a'),
      attached('document', 'b'),
      attached('photo', 'c'),
    ]);
    expect(
      list.map(({ purpose, used, max, remaining }) => [purpose, used, max, remaining]),
    ).toEqual([
      ['document', 1, 20, 19],
      ['photo', 2, 2, 0],
    ]);
    expect(list[1]?.max_bytes).toBe(100);
  });

  it('is empty for a model that takes no files', () => {
    expect(allowances(purposes, 'hse.incident', [])).toEqual([]);
  });

  it('shows a purpose missing from the catalogue by its code', () => {
    const list = allowances(
      {
        ...purposes,
        records: [{ model: 'x', purposes: [{ purpose: 'scan', max_per_record: 1 }] }],
      },
      'x',
      [],
    );
    expect(purposeLabel(list[0]!, 'en')).toBe('scan');
  });

  it('names a purpose as the record names it (a package’s attachment field)', () => {
    const names = { document: { fr: 'Certificat', en: 'Certificate' } };
    const list = allowances(purposes, 'user', [], names);
    expect(list.map((entry) => purposeLabel(entry, 'fr'))).toEqual(['Certificat', 'Photo']);
    expect(purposeLabel(list[0]!, 'en')).toBe('Certificate');
  });
});

describe('defaultPurpose', () => {
  const list = allowances(purposes, 'user', [attached('photo', 'a'), attached('photo', 'b')]);

  it('keeps the chosen purpose while it has room, else moves to one that has', () => {
    expect(defaultPurpose(list, 'document')).toBe('document');
    expect(defaultPurpose(list, 'photo')).toBe('document');
    expect(defaultPurpose(list)).toBe('document');
  });

  it('with no room anywhere, stays on the chosen one', () => {
    const full = list.map((entry) => ({ ...entry, remaining: 0 }));
    expect(defaultPurpose(full, 'photo')).toBe('photo');
    expect(defaultPurpose([], 'photo')).toBeUndefined();
  });
});

describe('precheck', () => {
  const file = (name: string, size: number) => ({ name, size });

  it('refuses files over the size and keeps only as many as there is room for', () => {
    const result = precheck({ max_bytes: 100, remaining: 2 }, [
      file('a.jpg', 50),
      file('big.jpg', 101),
      file('b.jpg', 100),
      file('c.jpg', 10),
    ]);
    expect(result.send.map((f) => f.name)).toEqual(['a.jpg', 'b.jpg']);
    expect(result.tooLarge.map((f) => f.name)).toEqual(['big.jpg']);
    expect(result.overLimit.map((f) => f.name)).toEqual(['c.jpg']);
  });

  it('sends nothing when the record is full', () => {
    expect(precheck({ max_bytes: 100, remaining: 0 }, [file('a.jpg', 1)]).send).toEqual([]);
  });
});
