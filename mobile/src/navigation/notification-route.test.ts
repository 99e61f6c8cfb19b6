import { notificationRoute } from './notification-route';

const INCIDENT = '01937c4e-8f5e-7b7a-9c1e-2f4d5e6a7b8c';
const ACTION = '01937c4e-aaaa-7b7a-9c1e-2f4d5e6a7b8c';

describe('notificationRoute', () => {
  it('opens the incident a web link names', () => {
    expect(notificationRoute({ link: `/hse/incidents/${INCIDENT}` })).toBe(
      `/incidents/${INCIDENT}`,
    );
    expect(notificationRoute({ link: `/hse/incidents/${INCIDENT}/?tab=actions#top` })).toBe(
      `/incidents/${INCIDENT}`,
    );
  });

  it('opens the action a web link names', () => {
    expect(notificationRoute({ link: `/hse/actions/${ACTION}` })).toBe(`/actions/${ACTION}`);
  });

  it('prefers the action in the data over the incident link (an overdue action)', () => {
    const overdue = {
      link: `/hse/incidents/${INCIDENT}`,
      data: { action_id: ACTION, incident_id: INCIDENT, number: 'ACT-2026-00007' },
    };
    expect(notificationRoute(overdue)).toBe(`/actions/${ACTION}`);
  });

  it('reads the link from a push payload, whose values are strings', () => {
    const push = {
      data: { notification_id: 'x', category: 'hse', link: `/hse/incidents/${INCIDENT}` },
    };
    expect(notificationRoute(push)).toBe(`/incidents/${INCIDENT}`);
  });

  it('falls back to an incident id in the data', () => {
    expect(notificationRoute({ link: null, data: { incident_id: INCIDENT } })).toBe(
      `/incidents/${INCIDENT}`,
    );
  });

  it('goes nowhere for other records, other hosts and malformed ids', () => {
    expect(notificationRoute({ link: '/hse/dashboard' })).toBeNull();
    expect(notificationRoute({ link: '/hse/incidents/new' })).toBeNull();
    expect(notificationRoute({ link: `//evil.example/hse/incidents/${INCIDENT}` })).toBeNull();
    expect(
      notificationRoute({ link: `https://evil.example/hse/incidents/${INCIDENT}` }),
    ).toBeNull();
    expect(notificationRoute({ link: `/hse/incidents/${INCIDENT}/../../settings` })).toBeNull();
    expect(notificationRoute({ data: { event: 'hse.incident.submitted' } })).toBeNull();
    expect(notificationRoute({ data: 'not an object' })).toBeNull();
  });
});
