import { describe, expect, it } from 'vitest';

import { badgeCount, notificationHref } from './presentation';

describe('badgeCount', () => {
  it('caps the badge at 99+', () => {
    expect([0, 7, 99, 100, 4321].map(badgeCount)).toEqual(['0', '7', '99', '99+', '99+']);
  });
});

describe('notificationHref', () => {
  it('follows paths of the app, and nothing else', () => {
    expect(notificationHref('/hse/incidents/42?tab=actions')).toBe('/hse/incidents/42?tab=actions');
    expect(notificationHref(null)).toBe('/notifications');
    expect(notificationHref('')).toBe('/notifications');
    expect(notificationHref('https://evil.example/x')).toBe('/notifications');
    expect(notificationHref('//evil.example/x')).toBe('/notifications');
    expect(notificationHref('/\\evil.example')).toBe('/notifications');
    expect(notificationHref('javascript:alert(1)')).toBe('/notifications');
  });
});
