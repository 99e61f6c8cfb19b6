// The field screens over the app's own outbox (the in-memory store jest.setup.ts puts in
// place of SQLite), with the server unreachable: what the user sees is what the device has.
import { fireEvent, renderRouter, screen, waitFor, within } from 'expo-router/testing-library';

import type { Schemas } from '@/api/client';
import { saveApiUrl } from '@/auth/api-url';
import { endSession, startSession } from '@/auth/session';
import { env } from '@/config/env';
import { setLanguage } from '@/i18n';
import { appSync } from '@/sync/app-sync';
import { ACTIONS_PREFIX, INCIDENTS_PREFIX } from '@/sync/mirror';
import { addItem, type IncidentPayload, listItems, saveItem } from '@/sync/outbox';
import { writeJson } from '@/sync/store';
import { FakeApi as FieldApi } from '@/sync/testing/fake-api';
import { fakeApi } from '@/testing/fake-api';
import * as secureStore from '@/testing/fake-secure-store';

import { routes } from './routes';

const EVIDENCE = { uri: 'file:///photos/evidence.jpg', name: 'evidence.jpg', type: 'image/jpeg' };
jest.mock('@/reports/photos', () => ({
  capturePhoto: jest.fn(() => Promise.resolve(EVIDENCE)),
}));
// A GPS fix as expo-location gives it: the accuracy (metres) is the device's own.
jest.mock('expo-location', () => ({
  Accuracy: { High: 4 },
  requestForegroundPermissionsAsync: () => Promise.resolve({ granted: true }),
  getCurrentPositionAsync: () =>
    Promise.resolve({ coords: { latitude: -0.7123456, longitude: 8.7812345, accuracy: 8.4 } }),
}));

let ids = 0;
const clock = { now: Date.now, newId: () => `local-${(ids += 1)}` };

const report = (title: string): IncidentPayload => ({
  title,
  description: 'A load shifted during a routine lift on the pipe deck.',
  severity: 'high',
  incident_type: 'near_miss',
  occurred_at: '2026-12-01T07:30:00Z',
  location: 'Pipe deck',
  site_id: 'site-1',
});

const incident = (n: number, title: string): Schemas['IncidentOut'] => ({
  id: `01937c4e-0000-7000-8000-0000000000${n}`,
  number: `INC-2026-000${n}`,
  title,
  description: 'On the server.',
  severity: 'low',
  incident_type: 'environment',
  status: 'under_investigation',
  occurred_at: `2026-11-${n}T08:00:00Z`,
  location: 'Main deck',
  site_id: null,
  reported_by: '01937c4e-0000-7000-8000-000000000001',
  revision: 1,
  created_at: `2026-11-${n}T08:00:00Z`,
  updated_at: `2026-11-${n}T08:00:00Z`,
});

let field: FieldApi;

beforeEach(async () => {
  await endSession();
  await saveApiUrl(env.apiUrl);
  secureStore.reset();
  await setLanguage('en');
  // No network: every field request fails, so what is queued stays queued.
  field = new FieldApi();
  field.fault = () => 'drop-request';
  const server = fakeApi({ field: field.fetch });
  globalThis.fetch = server.fetch;
  await startSession(server.issue());
  // One outbox per test file: the last test's pass ends before the store is emptied.
  const { store, engine } = await appSync();
  await engine.sync();
  for (const [key] of await store.entries('')) await store.remove(key);
});

describe('my incidents', () => {
  it('lists queued reports with their sync badge above the server’s, and a refusal with the server’s words', async () => {
    const { store } = await appSync();
    await writeJson(store, INCIDENTS_PREFIX + incident(20, '').id, incident(20, 'Loose grating'));
    await writeJson(store, INCIDENTS_PREFIX + incident(21, '').id, incident(21, 'Oil on stairs'));
    const refused = await addItem(
      store,
      { kind: 'incident', payload: report('Report from a closed site'), photos: [] },
      clock,
    );
    await saveItem(store, {
      ...refused,
      state: 'attention',
      problem: {
        type: 'urn:opsflux:problem:validation_failed',
        title: 'Unprocessable Content',
        status: 422,
        code: 'validation_failed',
        detail: 'The request body has invalid fields.',
        errors: [{ field: 'site_id', code: 'inactive', message: 'not an active site' }],
      },
    });
    await addItem(
      store,
      { kind: 'incident', payload: report('Gas smell near the separator'), photos: [] },
      clock,
    );

    renderRouter(routes, { initialUrl: '/incidents' });

    await screen.findByText('Gas smell near the separator');
    const cards = screen.getAllByRole('link');
    const titles = [
      'Gas smell near the separator',
      'Report from a closed site',
      'Oil on stairs',
      'Loose grating',
    ];
    expect(cards).toHaveLength(titles.length);
    titles.forEach((title, index) => expect(within(cards[index]!).getByText(title)).toBeVisible());
    expect(within(cards[0]!).getByText('Waiting')).toBeVisible();
    expect(within(cards[1]!).getByText('Needs attention')).toBeVisible();
    expect(
      within(cards[1]!).getByText(
        'Refused by the server: The request body has invalid fields. (not an active site)',
      ),
    ).toBeVisible();
    expect(within(cards[2]!).getByText('INC-2026-00021')).toBeVisible();
    expect(within(cards[2]!).getByText('Under investigation')).toBeVisible();
    // Queued above, the server's below, each under its heading.
    expect(screen.getByText('On this device')).toBeVisible();
    expect(screen.getByText('On the server')).toBeVisible();
  });
});

describe('a report', () => {
  it('keeps its GPS accuracy on the device: a reopened draft shows it, the server never gets it', async () => {
    const { store } = await appSync();
    const first = renderRouter(routes, { initialUrl: '/report' });
    fireEvent.changeText(await screen.findByLabelText('Title *'), 'Gas smell near the separator');
    fireEvent.changeText(screen.getByLabelText('Exact place *'), 'Separator V-203');
    fireEvent.changeText(
      screen.getByLabelText('Description *'),
      'A smell of gas near the separator, no alarm.',
    );
    fireEvent.press(screen.getByRole('button', { name: 'Add my position' }));
    const fix = '-0.71235, 8.78123 (± 8 m)';
    expect(await screen.findByText(fix)).toBeVisible();
    fireEvent.press(screen.getByRole('button', { name: 'Save as draft' }));
    expect(await screen.findByText('Draft saved on the device.')).toBeVisible();
    const [draft] = await listItems(store);
    expect(draft).toMatchObject({ state: 'draft', accuracy: 8.4 });
    first.unmount();

    renderRouter(routes, { initialUrl: `/incidents/${draft!.id}` });
    fireEvent.press(await screen.findByRole('button', { name: 'Edit' }));
    expect(await screen.findByText(fix)).toBeVisible();
    field.fault = () => 'none';
    fireEvent.press(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(field.keys.size).toBe(1));
    const [sent] = [...field.keys.values()];
    expect((JSON.parse(sent!.body) as Schemas['IncidentIn']).coordinates).toStrictEqual({
      latitude: -0.7123456,
      longitude: 8.7812345,
    });
  });
});

describe('an action', () => {
  it('marked done with a note and an evidence photo is queued, and shows as such', async () => {
    const { store } = await appSync();
    const action: Schemas['ActionOut'] = {
      id: '01937c4e-0000-7000-8000-0000000000a7',
      number: 'ACT-2026-00007',
      incident_id: incident(20, '').id,
      kind: 'corrective',
      title: 'Replace the V-203 valve seal',
      owner_id: '01937c4e-0000-7000-8000-000000000001',
      due_date: '2026-12-05',
      status: 'open',
      overdue: false,
      revision: 3,
      created_at: '2026-11-20T08:00:00Z',
      updated_at: '2026-11-20T08:00:00Z',
    };
    await writeJson(store, ACTIONS_PREFIX + action.id, action);
    renderRouter(routes, { initialUrl: `/actions/${action.id}` });

    fireEvent.changeText(await screen.findByLabelText('Note (optional)'), 'Seal replaced, tested.');
    fireEvent.press(screen.getByRole('button', { name: 'Take a photo' }));
    await screen.findByRole('button', { name: 'Remove photo 1' });
    fireEvent.press(screen.getByRole('button', { name: 'Mark as done' }));

    expect(await screen.findByText('Completion queued')).toBeVisible();
    const items = (await listItems(store)).filter((item) => item.kind === 'action_move');
    expect(items).toHaveLength(1);
    expect(items[0]?.payload).toMatchObject({
      actionId: action.id,
      move: 'complete',
      note: 'Seal replaced, tested.',
    });
    expect(items[0]?.photos.map((photo) => photo.uri)).toEqual([EVIDENCE.uri]);
    expect(items[0]?.state).not.toBe('sent');
    expect(screen.queryByRole('button', { name: 'Mark as done' })).toBeNull();
  });
});
