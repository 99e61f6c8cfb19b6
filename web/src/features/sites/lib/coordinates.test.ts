import { describe, expect, it } from 'vitest';

import { formatCoordinates, parseDegrees } from './coordinates';

const english = { north: 'N', south: 'S', east: 'E', west: 'W' };
const french = { ...english, west: 'O' };

describe('formatCoordinates', () => {
  it('writes the hemisphere instead of the sign, with four decimals', () => {
    expect(formatCoordinates({ latitude: -1.2345, longitude: 8.6789 }, english)).toBe(
      '1.2345° S, 8.6789° E',
    );
    expect(formatCoordinates({ latitude: 57.5, longitude: -1.75 }, english)).toBe(
      '57.5000° N, 1.7500° W',
    );
  });

  it('uses the UI language’s letters', () => {
    expect(formatCoordinates({ latitude: 0, longitude: -0.5 }, french)).toBe(
      '0.0000° N, 0.5000° O',
    );
  });
});

describe('parseDegrees', () => {
  it('reads a point or a French comma, and a sign', () => {
    expect(parseDegrees(' -1,2345 ')).toBe(-1.2345);
    expect(parseDegrees('8.6789')).toBe(8.6789);
    expect(parseDegrees('+90')).toBe(90);
  });

  it('refuses what is not a plain decimal number', () => {
    for (const text of ['', 'abc', '1e3', '1.2.3', '12°', '-']) {
      expect(parseDegrees(text)).toBeNaN();
    }
  });
});
