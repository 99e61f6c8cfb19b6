import { initials } from './user-menu';

describe('initials', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initials('Demo Admin')).toBe('DA');
    expect(initials('  élodie   de la Tour ')).toBe('ÉT');
    expect(initials('Vera')).toBe('V');
  });

  it('skips what is not a word', () => {
    expect(initials('Demo Admin (e2e)')).toBe('DE');
    expect(initials('— Ops 42 —')).toBe('O');
    expect(initials('')).toBe('');
  });
});
