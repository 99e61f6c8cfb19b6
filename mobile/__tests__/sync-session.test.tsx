// The outbox and the session together: the app's own wiring (src/sync/app-sync.tsx, over
// the in-memory store jest.setup.ts puts in place of SQLite) and the real routes.
import { act, fireEvent, renderRouter, screen, waitFor } from 'expo-router/testing-library';

import { saveApiUrl } from '@/auth/api-url';
import { endSession, getSession, startSession } from '@/auth/session';
import { env } from '@/config/env';
import { setLanguage } from '@/i18n';
import { appSync } from '@/sync/app-sync';
import { addItem, listItems } from '@/sync/outbox';
import { FakeApi as FieldApi } from '@/sync/testing/fake-api';
import { fakeApi, PASSWORD } from '@/testing/fake-api';
import * as secureStore from '@/testing/fake-secure-store';

import { routes } from './routes';

beforeEach(async () => {
  await endSession();
  await saveApiUrl(env.apiUrl);
  secureStore.reset();
  await setLanguage('en');
});

it('a report queued when a refresh is refused stays on the device, and goes once after signing in again', async () => {
  const field = new FieldApi();
  // The session was revoked elsewhere: every refresh is refused.
  const server = fakeApi({ refuseRefresh: true, field: field.fetch });
  globalThis.fetch = server.fetch;
  await startSession(server.issue());
  const { store, engine } = await appSync();
  await addItem(
    store,
    {
      kind: 'incident',
      payload: {
        title: 'Dropped shackle on the pipe deck',
        description: 'A shackle fell from the crane hook; nobody below.',
        severity: 'medium',
        incident_type: 'near_miss',
        occurred_at: '2026-12-01T07:30:00Z',
        location: 'Pipe deck',
        site_id: 'site-1',
      },
      photos: [],
    },
    { now: Date.now, newId: () => `local-${Math.random()}` },
  );
  const app = renderRouter(routes, { initialUrl: '/incidents' });
  expect(await screen.findByText('Dropped shackle on the pipe deck')).toBeVisible();

  // The access token expires; the refresh is refused: the session ends, the queue waits.
  server.expireAccess();
  await act(() => engine.sync());

  await waitFor(() => expect(app.getPathname()).toBe('/sign-in'));
  expect(getSession().status).toBe('signed-out');
  expect(engine.status.sessionNeeded).toBe(true);
  expect((await listItems(store)).map((item) => item.state)).toEqual(['waiting']);
  expect(field.incidents).toHaveLength(0);

  fireEvent.changeText(screen.getByLabelText('Email address'), 'a.moreau@example.com');
  fireEvent.changeText(screen.getByLabelText('Password'), PASSWORD);
  fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));

  await waitFor(() => expect(app.getPathname()).toBe('/report'));
  await waitFor(async () =>
    expect((await listItems(store)).map((item) => item.state)).toEqual(['sent']),
  );
  expect(field.incidentsWithTitle('Dropped shackle on the pipe deck')).toHaveLength(1);
  expect(engine.status.sessionNeeded).toBe(false);
});
