import { describe, expect, it } from 'vitest';

import { formatSize, percentUsed } from './format-size';

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatSize', () => {
  it('says bytes below a kilobyte, with the language’s unit', () => {
    expect(nbsp(formatSize(0, 'en'))).toBe('0 B');
    expect(nbsp(formatSize(532, 'en'))).toBe('532 B');
    expect(nbsp(formatSize(532, 'fr'))).toBe('532 o');
  });

  it('keeps one decimal under ten units and none above', () => {
    expect(nbsp(formatSize(1536, 'en'))).toBe('1.5 KB');
    expect(nbsp(formatSize(1536, 'fr'))).toBe('1,5 Ko');
    expect(nbsp(formatSize(10 * 1024 * 1024, 'en'))).toBe('10 MB');
    expect(nbsp(formatSize(20 * 1024 ** 3, 'fr'))).toBe('20 Go');
    expect(nbsp(formatSize(1024 * 1024 - 1, 'en'))).toBe('1,024 KB');
  });

  it('never shows a negative size', () => {
    expect(nbsp(formatSize(-5, 'en'))).toBe('0 B');
  });
});

describe('percentUsed', () => {
  it('is the share of the quota, bounded to 0..100', () => {
    expect(percentUsed(0, 100)).toBe(0);
    expect(percentUsed(25, 100)).toBe(25);
    expect(percentUsed(150, 100)).toBe(100);
    expect(percentUsed(1, 0)).toBe(100);
    expect(percentUsed(0, 0)).toBe(0);
  });
});
