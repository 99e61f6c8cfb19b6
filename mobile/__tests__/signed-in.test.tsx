import { fireEvent, renderRouter, screen, waitFor } from 'expo-router/testing-library';

import { saveApiUrl } from '@/auth/api-url';
import { endSession, getSession, startSession } from '@/auth/session';
import { KEYS } from '@/auth/storage';
import { env } from '@/config/env';
import { setLanguage } from '@/i18n';
import { fakeApi, type FakeApi, notification } from '@/testing/fake-api';
import * as store from '@/testing/fake-secure-store';

import { routes } from './routes';

const INCIDENT = '01937c4e-0000-7000-8000-000000000042';
const UNREAD = notification({
  id: '01937c4e-0000-7000-8000-000000000001',
  link: `/hse/incidents/${INCIDENT}`,
});
const READ = notification({
  id: '01937c4e-0000-7000-8000-000000000002',
  title: 'Incident INC-2026-00039 approved',
  read_at: '2026-11-30T08:00:00Z',
});

let server: FakeApi;

beforeEach(async () => {
  await endSession();
  await saveApiUrl(env.apiUrl);
  store.reset();
  await setLanguage('en');
  server = fakeApi({ notifications: [UNREAD, READ] });
  globalThis.fetch = server.fetch;
  await startSession(server.issue());
});

describe('signed in', () => {
  it('the inbox marks an opened notification read and opens the incident it names', async () => {
    const app = renderRouter(routes, { initialUrl: '/inbox' });
    const unread = await screen.findByRole('button', {
      name: 'Unread: Incident INC-2026-00042 reported',
    });
    expect(screen.getByRole('button', { name: 'Incident INC-2026-00039 approved' })).toBeVisible();

    fireEvent.press(unread);

    await waitFor(() => expect(app.getPathname()).toBe(`/incidents/${INCIDENT}`));
    await waitFor(() => expect(server.count(`/api/v1/notifications/${UNREAD.id}/read`)).toBe(1));
  });

  it('sign-out removes the push device and the server session, and keeps queued reports', async () => {
    store.values.set(KEYS.pushDevice, '01937c4e-0000-7000-8000-0000000000de');
    store.values.set('opsflux.outbox.1', '{"title":"Gas leak"}');
    const app = renderRouter(routes, { initialUrl: '/profile' });

    fireEvent.press(await screen.findByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(app.getPathname()).toBe('/sign-in'));
    expect(getSession().status).toBe('signed-out');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'DELETE /api/v1/devices/01937c4e-0000-7000-8000-0000000000de',
        'POST /api/v1/auth/logout',
      ]),
    );
    expect(store.values.get('opsflux.outbox.1')).toBe('{"title":"Gas leak"}');
    expect(store.values.has(KEYS.tokens)).toBe(false);
  });

  it('the language switch is kept on the device and saved on the account', async () => {
    renderRouter(routes, { initialUrl: '/profile' });

    fireEvent.press(await screen.findByRole('radio', { name: 'Français' }));

    expect(await screen.findByRole('button', { name: 'Se déconnecter' })).toBeVisible();
    expect(store.values.get(KEYS.language)).toBe('fr');
    await waitFor(() =>
      expect(server.requests).toContainEqual(
        expect.objectContaining({ method: 'PATCH', path: '/api/v1/me', body: { locale: 'fr' } }),
      ),
    );
  });
});
