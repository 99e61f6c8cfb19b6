import { formatList, formatOperand, parseList, parseOperand } from './values';

describe('typed operands', () => {
  it('reads numbers for number fields, French decimals included', () => {
    expect(parseOperand('1000', ['number'])).toBe(1000);
    expect(parseOperand('2,5', ['null', 'number'])).toBe(2.5);
    expect(parseOperand('', ['number'])).toBeUndefined();
  });

  it('keeps text as text for string fields, even when it looks like a number', () => {
    expect(parseOperand('42', ['string'])).toBe('42');
    expect(formatOperand('42', ['string'])).toBe('42');
  });

  it('reads JSON literals for fields of any type, else the text', () => {
    expect(parseOperand('true', [])).toBe(true);
    expect(parseOperand('[1, 2]', [])).toEqual([1, 2]);
    expect(parseOperand('critical', [])).toBe('critical');
    expect(formatOperand('12', [])).toBe('"12"');
    expect(parseOperand(formatOperand('12', []), [])).toBe('12');
  });

  it('reads and writes comma-separated lists', () => {
    expect(parseList('invited, active,', ['string'])).toEqual(['invited', 'active']);
    expect(parseList('1, 2', ['number'])).toEqual([1, 2]);
    expect(formatList(['a', 'b'], ['string'])).toBe('a, b');
  });
});
