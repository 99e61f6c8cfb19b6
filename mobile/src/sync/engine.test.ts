/**
 * @jest-environment node
 */
// Node's fetch, FormData and Blob: the engine builds real multipart requests.
import { type EngineOptions, SyncEngine } from './engine';
import { listActions, listIncidents } from './mirror';
import {
  addItem,
  type IncidentPayload,
  listItems,
  type LocalPhoto,
  type OutboxItem,
} from './outbox';
import { MemoryStore, type Store } from './store';
import { FakeApi } from './testing/fake-api';

/** A clock the test moves: backoff delays pass without waiting. */
function testClock() {
  let at = Date.parse('2026-03-01T09:00:00Z');
  let ids = 0;
  return {
    now: () => at,
    advance: (ms: number) => {
      at += ms;
    },
    newId: () => `local-${String((ids += 1)).padStart(4, '0')}`,
  };
}

/** Photo "files": their content by URI, as the device's file system would hold them. */
const photoFiles = new Map<string, string>();
function photo(uri: string): LocalPhoto {
  photoFiles.set(uri, `bytes of ${uri}`);
  return { uri, name: `${uri}.jpg`, type: 'image/jpeg' };
}

function report(title: string, siteId = 'site-1'): IncidentPayload {
  return {
    title,
    description: 'A load shifted during a routine lift on the pipe deck.',
    severity: 'medium',
    incident_type: 'near_miss',
    occurred_at: '2026-03-01T07:30:00Z',
    location: 'Pipe deck',
    site_id: siteId,
  };
}

/** The engine's options over the fake, every download on (sites and actions too). */
function engineOptions(
  api: FakeApi,
  clock: ReturnType<typeof testClock>,
): Omit<EngineOptions, 'store'> {
  return {
    baseUrl: 'https://api.test',
    fetch: api.fetch,
    photoPart: (local) =>
      Promise.resolve({
        value: new Blob([photoFiles.get(local.uri) ?? ''], { type: local.type }),
        filename: local.name,
      }),
    now: clock.now,
    random: () => 0.5,
  };
}

/** The engine for the queue's tests: incidents downloaded, not the sites and actions. */
function engineOver(store: Store, api: FakeApi, clock: ReturnType<typeof testClock>) {
  return new SyncEngine({ ...engineOptions(api, clock), store, pullAll: false });
}

const settled = (items: OutboxItem[]) =>
  items.every((item) => item.state === 'sent' || item.state === 'attention');

/** Syncs until every item is settled, time moving past each backoff; fails after `rounds`. */
async function syncUntilSettled(
  engine: SyncEngine,
  store: Store,
  clock: ReturnType<typeof testClock>,
  rounds = 100,
) {
  for (let round = 0; round < rounds; round += 1) {
    await engine.sync();
    if (settled(await listItems(store))) return;
    clock.advance(10 * 60_000);
  }
  throw new Error(`not settled after ${rounds} passes`);
}

/** Three reports with 2, 1 and 3 photos, captured with no network. */
async function captureThree(store: Store, clock: ReturnType<typeof testClock>) {
  const photos = [
    [photo('r1-a'), photo('r1-b')],
    [photo('r2-a')],
    [photo('r3-a'), photo('r3-b'), photo('r3-c')],
  ];
  for (const [index, list] of photos.entries()) {
    await addItem(
      store,
      {
        kind: 'incident',
        payload: report(`Report number ${index + 1} from the deck`),
        photos: list,
      },
      clock,
    );
  }
}

/** Each report's incident exists once, with its photos' bytes attached in order. */
function expectThreeIncidentsWithTheirPhotos(api: FakeApi) {
  expect(api.incidents).toHaveLength(3);
  const expected = [['r1-a', 'r1-b'], ['r2-a'], ['r3-a', 'r3-b', 'r3-c']];
  for (const [index, uris] of expected.entries()) {
    const [incident, ...duplicates] = api.incidentsWithTitle(
      `Report number ${index + 1} from the deck`,
    );
    expect(duplicates).toHaveLength(0);
    const contents = incident?.photo_ids.map((id) => api.files.get(id)?.content);
    expect(contents).toEqual(uris.map((uri) => `bytes of ${uri}`));
  }
}

describe('the outbox against a flaky server', () => {
  it('sends reports captured offline exactly once, photos and all', async () => {
    const store = new MemoryStore();
    const clock = testClock();
    const api = new FakeApi();
    await captureThree(store, clock);
    // Every other request fails (no answer, or a 503); every fourth is done but its answer lost.
    api.fault = (n) =>
      n % 2 === 1
        ? n % 4 === 1
          ? 'drop-request'
          : 'unavailable'
        : n % 4 === 0
          ? 'drop-response'
          : 'none';

    await syncUntilSettled(engineOver(store, api, clock), store, clock);

    expectThreeIncidentsWithTheirPhotos(api);
    const items = await listItems(store);
    expect(items.map((item) => item.state)).toEqual(['sent', 'sent', 'sent']);
    expect(items.map((item) => item.result?.id).sort()).toEqual(
      api.incidents.map((one) => one.id).sort(),
    );
    // A lost answer to a report was replayed, not reported again.
    expect(api.log.filter((line) => line === 'POST /api/v1/hse/incidents').length).toBeGreaterThan(
      3,
    );
    // What was sent shows in "my incidents" at once.
    expect((await listIncidents(store)).map((one) => one.id).sort()).toEqual(
      api.incidents.map((one) => one.id).sort(),
    );
  });

  it('keeps a refused report for the user with the server’s problem, and never sends it again', async () => {
    const store = new MemoryStore();
    const clock = testClock();
    const api = new FakeApi();
    const refused = await addItem(
      store,
      { kind: 'incident', payload: report('Report from a closed site', 'site-closed'), photos: [] },
      clock,
    );
    await addItem(
      store,
      { kind: 'incident', payload: report('Report from the pipe deck'), photos: [] },
      clock,
    );
    const engine = engineOver(store, api, clock);

    const first = await engine.sync();
    clock.advance(60 * 60_000);
    await engine.sync();

    expect(first).toEqual({ sent: 1, refused: 1, stoppedBy: null });
    const item = (await listItems(store)).find((one) => one.id === refused.id);
    expect(item?.state).toBe('attention');
    expect(item?.problem).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(item?.problem?.errors?.[0]?.message).toBe('not an active site');
    expect(api.log.filter((line) => line === 'POST /api/v1/hse/incidents')).toHaveLength(2);
    expect(api.incidents.map((one) => one.title)).toEqual(['Report from the pipe deck']);
  });

  it('resumes after a restart mid-sync without duplicating anything', async () => {
    const shared = new MemoryStore();
    const clock = testClock();
    const api = new FakeApi();
    await captureThree(shared, clock);
    // The app dies while the second report's request is out: done on the server, never answered.
    let reports = 0;
    api.fault = (_, request) =>
      new URL(request.url).pathname === '/api/v1/hse/incidents' && (reports += 1) === 2
        ? 'hang'
        : 'none';
    let dead = false;
    const dying: Store = {
      get: (key) => shared.get(key),
      entries: (prefix) => shared.entries(prefix),
      set: (key, value) =>
        dead ? Promise.reject(new Error('process gone')) : shared.set(key, value),
      remove: (key) => (dead ? Promise.reject(new Error('process gone')) : shared.remove(key)),
    };
    const first = engineOver(dying, api, clock).sync();
    for (let turn = 0; !api.hanging; turn += 1) {
      if (turn > 1000) throw new Error('the second report was never sent');
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    dead = true;
    api.release();
    await expect(first).rejects.toThrow('process gone');
    const midway = await listItems(shared);
    expect(midway.map((item) => item.state)).toEqual(['sent', 'sending', 'waiting']);

    await syncUntilSettled(engineOver(shared, api, clock), shared, clock);

    expectThreeIncidentsWithTheirPhotos(api);
    expect((await listItems(shared)).map((item) => item.result?.replayed)).toEqual([
      false,
      true,
      false,
    ]);
    // Each photo went up once: the restarted engine knew their server ids.
    expect(api.files.size).toBe(6);
  });

  it('waits for a new session on 401, without counting it as a failure', async () => {
    const store = new MemoryStore();
    const clock = testClock();
    const api = new FakeApi();
    await addItem(
      store,
      { kind: 'incident', payload: report('Report from the pipe deck'), photos: [] },
      clock,
    );
    const engine = engineOver(store, api, clock);
    api.signedOut = true;

    expect(await engine.sync()).toMatchObject({ sent: 0, stoppedBy: 'unauthorized' });
    expect(engine.status.sessionNeeded).toBe(true);
    expect((await listItems(store))[0]).toMatchObject({
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: null,
    });

    api.signedOut = false;
    engine.sessionRestored();
    expect(await engine.sync()).toMatchObject({ sent: 1, stoppedBy: null });
    expect(engine.status.sessionNeeded).toBe(false);
  });

  it('backs off longer after each failure', async () => {
    const store = new MemoryStore();
    const clock = testClock();
    const api = new FakeApi();
    api.fault = () => 'unavailable';
    await addItem(
      store,
      { kind: 'incident', payload: report('Report from the pipe deck'), photos: [] },
      clock,
    );
    const engine = engineOver(store, api, clock);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await engine.sync();
      const [item] = await listItems(store);
      delays.push((item?.nextAttemptAt ?? 0) - clock.now());
      // Not due yet: a pass sends nothing.
      await engine.sync();
      clock.advance(item?.nextAttemptAt ? item.nextAttemptAt - clock.now() : 0);
    }
    expect(delays).toEqual([2_000, 4_000, 8_000]);
    expect(api.log.filter((line) => line.startsWith('POST'))).toHaveLength(3);
  });
});

describe('marking an action done', () => {
  const action = {
    id: 'action-1',
    number: 'ACT-2026-00001',
    incident_id: 'incident-1',
    kind: 'corrective' as const,
    title: 'Replace the sling',
    owner_id: 'me',
    due_date: '2026-03-10',
    status: 'open' as const,
    overdue: false,
    revision: 1,
    created_at: '2026-03-01T00:00:00Z',
    updated_at: '2026-03-01T00:00:00Z',
  };
  const done = {
    kind: 'action_move' as const,
    payload: {
      actionId: 'action-1',
      actionLabel: 'Replace the sling',
      move: 'complete' as const,
      note: 'Replaced.',
    },
  };

  it('counts a lost answer as done when the action is done already, evidence attached', async () => {
    const store = new MemoryStore();
    const clock = testClock();
    const api = new FakeApi();
    api.actions.set(action.id, action);
    await addItem(store, { ...done, photos: [photo('evidence')] }, clock);
    api.fault = (n) => (n === 2 ? 'drop-response' : 'none');
    const engine = engineOver(store, api, clock);

    await engine.sync();
    clock.advance(60_000);
    await engine.sync();

    expect((await listItems(store))[0]).toMatchObject({
      state: 'sent',
      result: { replayed: true },
    });
    expect(api.actions.get(action.id)?.status).toBe('done');
    const evidence = api.evidence.get(action.id) ?? [];
    expect(evidence.map((id) => api.files.get(id)?.content)).toEqual(['bytes of evidence']);
  });

  it('needs attention when someone cancelled the action meanwhile', async () => {
    const store = new MemoryStore();
    const clock = testClock();
    const api = new FakeApi();
    api.actions.set(action.id, { ...action, status: 'cancelled' });
    await addItem(store, { ...done, photos: [] }, clock);

    await engineOver(store, api, clock).sync();

    expect((await listItems(store))[0]).toMatchObject({
      state: 'attention',
      problem: { status: 409, code: 'illegal_transition' },
    });
  });
});

describe('downloading my incidents', () => {
  it('brings changes since the last pull, page by page, and drops deleted ones', async () => {
    const store = new MemoryStore();
    const clock = testClock();
    const api = new FakeApi();
    for (let n = 1; n <= 150; n += 1) {
      await api.fetch(
        new Request('https://api.test/api/v1/hse/incidents', {
          method: 'POST',
          body: JSON.stringify(report(`Server incident number ${n}`)),
        }),
      );
    }
    api.clock += 10 * 60_000;
    await engineOver(store, api, clock).sync();
    expect(await listIncidents(store)).toHaveLength(150);

    api.clock += 10 * 60_000;
    api.touch('incident-0001', { status: 'closed' });
    api.touch('incident-0002', { deleted_at: new Date(api.clock).toISOString() });
    api.log.length = 0;
    // A new engine: where the last pull stopped is in the store.
    await engineOver(store, api, clock).sync();

    const mirrored = await listIncidents(store);
    expect(mirrored).toHaveLength(149);
    expect(mirrored.find((one) => one.id === 'incident-0001')?.status).toBe('closed');
    expect(mirrored.find((one) => one.id === 'incident-0002')).toBeUndefined();
    // One page: only what changed since (with the margin), not the 150 again.
    expect(api.log).toEqual(['GET /api/v1/hse/incidents']);
  });
});

describe('downloading my actions', () => {
  const action = (n: number, owner = 'me') => ({
    id: `action-${String(n).padStart(4, '0')}`,
    number: `ACT-2026-${String(n).padStart(5, '0')}`,
    incident_id: 'incident-1',
    kind: 'corrective' as const,
    title: `Action number ${n}`,
    owner_id: owner,
    due_date: '2026-03-10',
    status: 'open' as const,
    overdue: false,
    revision: 1,
    created_at: '2026-03-01T08:00:00Z',
    updated_at: '2026-03-01T08:00:00Z',
  });

  it('brings only what changed since the last pull, and drops deleted ones', async () => {
    const store = new MemoryStore();
    const clock = testClock();
    const api = new FakeApi();
    for (let n = 1; n <= 120; n += 1) api.actions.set(action(n).id, action(n));
    api.actions.set('action-9999', action(9999, 'someone-else'));
    const engine = new SyncEngine({ ...engineOptions(api, clock), store });
    api.clock += 10 * 60_000;
    await engine.sync();
    expect(await listActions(store)).toHaveLength(120);

    api.clock += 10 * 60_000;
    api.touchAction('action-0001', { status: 'done' });
    api.touchAction('action-0002', { deleted_at: new Date(api.clock).toISOString() });
    api.log.length = 0;
    await new SyncEngine({ ...engineOptions(api, clock), store }).sync();

    const mirrored = await listActions(store);
    expect(mirrored).toHaveLength(119);
    expect(mirrored.find((one) => one.id === 'action-0001')?.status).toBe('done');
    expect(mirrored.find((one) => one.id === 'action-0002')).toBeUndefined();
    // One page of changes each (the 120 are not read again), then the sites.
    expect(api.log).toEqual([
      'GET /api/v1/hse/incidents',
      'GET /api/v1/hse/actions',
      'GET /api/v1/sites',
    ]);
  });

  it('drops copies a first full read does not list (left by an older app)', async () => {
    const store = new MemoryStore();
    const clock = testClock();
    const api = new FakeApi();
    api.actions.set(action(1).id, action(1));
    await store.set('mirror:action:action-0666', JSON.stringify(action(666)));

    await new SyncEngine({ ...engineOptions(api, clock), store }).sync();

    expect((await listActions(store)).map((one) => one.id)).toEqual(['action-0001']);
  });
});
