import { describe, expect, it } from 'vitest';

import { byModule, wildcardCovering, withGrant } from './grants';

describe('wildcardCovering', () => {
  it('finds the grant that covers a code: `*`, or a `prefix.*` of it', () => {
    expect(wildcardCovering({ 'hse.*': 'company' }, 'hse.view.incident')).toBe('hse.*');
    expect(wildcardCovering({ '*': 'all' }, 'users.view.user')).toBe('*');
    expect(wildcardCovering({ 'hse.*': 'company' }, 'hsex.view.thing')).toBeUndefined();
    expect(wildcardCovering({ 'users.view.user': 'own' }, 'users.view.user')).toBeUndefined();
  });
});

describe('withGrant', () => {
  it('sets or removes one grant and leaves the given map untouched', () => {
    const grants = { 'users.view.user': 'own' } as const;
    expect(withGrant(grants, 'audit.view.log', 'all')).toStrictEqual({
      'users.view.user': 'own',
      'audit.view.log': 'all',
    });
    expect(withGrant(grants, 'users.view.user', null)).toStrictEqual({});
    expect(grants).toStrictEqual({ 'users.view.user': 'own' });
  });
});

describe('byModule', () => {
  it('groups by module in the order modules first appear', () => {
    const items = [
      { code: 'a', module: 'core' },
      { code: 'b', module: 'hse' },
      { code: 'c', module: 'core' },
    ];
    expect(
      byModule(items).map(([module, group]) => [module, group.map((i) => i.code)]),
    ).toStrictEqual([
      ['core', ['a', 'c']],
      ['hse', ['b']],
    ]);
  });
});
