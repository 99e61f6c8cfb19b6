import { describe, expect, it } from 'vitest';

import { sequenceChange, sequenceSchema } from '../api/update-sequence';
import type { Sequence } from '../api/get-sequences';
import { periodKey, renderNumber } from './format';

const incident: Sequence = {
  code: 'hse.incident',
  label_fr: 'Incident',
  label_en: 'Incident',
  prefix: 'INC',
  padding: 5,
  period: 'year',
  period_key: '2026',
  last_value: 42,
  next_value: 43,
  preview: 'INC-2026-00043',
};

describe('renderNumber', () => {
  it('writes numbers as the server does', () => {
    expect(renderNumber('INC', '2026', 5, 43)).toBe('INC-2026-00043');
    expect(renderNumber('ACT', '2026-03', 3, 7)).toBe('ACT-2026-03-007');
    expect(renderNumber('WO', '', 4, 12)).toBe('WO-0012');
    expect(renderNumber('INC', '2026', 2, 12345)).toBe('INC-2026-12345');
  });
});

describe('periodKey', () => {
  const march = new Date(2027, 2, 5);
  it('keeps the server’s key for the saved period, and computes another', () => {
    expect(periodKey('year', incident, march)).toBe('2026');
    expect(periodKey('month', incident, march)).toBe('2027-03');
    expect(periodKey('none', incident, march)).toBe('');
  });
});

describe('sequenceSchema', () => {
  const schema = sequenceSchema(incident);
  const valid = { prefix: 'INC', padding: 5, period: 'year' as const, next_value: 43 };
  const errors = (input: object) =>
    schema
      .safeParse({ ...valid, ...input })
      .error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

  it('takes the server’s rules for prefix and padding', () => {
    expect(errors({})).toBeUndefined();
    expect(errors({ prefix: 'inc' })).toEqual([['prefix', 'sequences:errors.prefix']]);
    expect(errors({ prefix: 'TOO-LONG-PREFIX' })).toEqual([['prefix', 'sequences:errors.prefix']]);
    expect(errors({ padding: 13 })).toEqual([['padding', 'sequences:errors.padding']]);
    expect(errors({ padding: 0 })).toEqual([['padding', 'sequences:errors.padding']]);
  });

  it('lets the next value only move forward in the same period', () => {
    expect(errors({ next_value: 42 })).toEqual([['next_value', 'sequences:errors.next_value_min']]);
    expect(errors({ next_value: 1, period: 'month' })).toBeUndefined();
  });
});

describe('sequenceChange', () => {
  it('sends only what changed', () => {
    expect(
      sequenceChange(incident, { prefix: 'INC', padding: 5, period: 'year', next_value: 43 }),
    ).toEqual({});
    expect(
      sequenceChange(incident, { prefix: 'HSE', padding: 5, period: 'year', next_value: 100 }),
    ).toEqual({ prefix: 'HSE', next_value: 100 });
  });
});
