import { describe, expect, it } from 'vitest';

import { parseTime } from './time';

describe('parseTime', () => {
  it('reads the ways people type a time, as HH:MM', () => {
    expect(parseTime('22:00')).toBe('22:00');
    expect(parseTime('8:30')).toBe('08:30');
    expect(parseTime('22h00')).toBe('22:00');
    expect(parseTime(' 7h15 ')).toBe('07:15');
    expect(parseTime('2200')).toBe('22:00');
    expect(parseTime('07.45')).toBe('07:45');
    expect(parseTime('00:00')).toBe('00:00');
  });

  it('keeps seconds only when there are some', () => {
    expect(parseTime('22:00:30')).toBe('22:00:30');
    expect(parseTime('22:00:00')).toBe('22:00');
  });

  it('refuses what is no time of day', () => {
    for (const text of ['', '24:00', '12:60', '10 PM', 'midi', '1:2', '123:00']) {
      expect(parseTime(text)).toBeNull();
    }
  });
});
