// The outbox against the real server, through a proxy that cuts connections.
//
//   node scripts/sync-against-server.mjs      (scripts/mobile_sync.sh at the repository root
//                                              starts a server, runs this, cleans up)
// Env: OPSFLUX_URL (the server), SYNC_EMAIL, SYNC_PASSWORD (a field worker; the same
// password for SYNC_MANAGER_EMAIL, the HSE manager whose web list is checked), SYNC_REPORTS
// (default 100), SYNC_WORK (a directory for the JSON store; default a temporary one).
//
// It drives the app's own sync code (src/sync/, through ts-loader.mjs) over a JSON-file
// store. Each of SYNC_REPORTS cycles captures one report offline (1 or 2 photos), then
// reconnects through a tiny HTTP proxy that forwards every request to the server but,
// on a schedule, closes the connection once the server has answered and before the
// answer reaches the app: the server did the work, the app never heard of it. Every 25
// cycles the engine is thrown away and a new one starts from the file (an app restart).
// Then a clean pass, and the checks: on the server, exactly one incident per report
// (none lost, none twice), each with its photos in order, downloaded and compared with
// the originals (SHA-256 of the pixels: the server re-encodes every image it keeps, so
// its bytes differ from the upload's; and SHA-256 of the bytes against the server's own).
// Last, the issue's criterion: the web app's incident list (the HSE manager's, read as
// the web reads it) shows each report exactly once.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';

import './ts-loader.mjs';

const { SyncEngine } = await import('../src/sync/engine.ts');
const { MemoryStore } = await import('../src/sync/store.ts');
const { addItem, listItems } = await import('../src/sync/outbox.ts');
const { listIncidents } = await import('../src/sync/mirror.ts');

const server = (process.env.OPSFLUX_URL ?? '').replace(/\/+$/, '');
const email = process.env.SYNC_EMAIL ?? 'field.worker@demo.opsflux.localhost';
const managerEmail = process.env.SYNC_MANAGER_EMAIL ?? 'hse.manager@demo.opsflux.localhost';
const password = process.env.SYNC_PASSWORD ?? '';
const REPORTS = Number(process.env.SYNC_REPORTS ?? 100);
const work = process.env.SYNC_WORK ?? mkdtempSync(path.join(tmpdir(), 'opsflux-sync-'));
if (!server || !password) throw new Error('set OPSFLUX_URL and SYNC_PASSWORD');
const started = Date.now();
const log = (...args) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s]`, ...args);

// ------------------------------------------------------------------ photos (PNG)

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(kind, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(kind, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A w×h RGB PNG of seeded noise, and the SHA-256 of its pixels. */
function makePng(seed, w, h) {
  const pixels = Buffer.alloc(w * h * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < pixels.length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    pixels[i] = x >>> 24;
  }
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y += 1) pixels.copy(rows, y * (w * 3 + 1) + 1, y * w * 3, (y + 1) * w * 3);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return { png, pixelsSha: sha256(pixels) };
}

/** The SHA-256 of a PNG's pixels as 8-bit RGB (non-interlaced; every filter undone). */
function pngPixelsSha(png) {
  let offset = 8;
  let w = 0;
  let h = 0;
  let channels = 0;
  const idat = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const kind = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (kind === 'IHDR') {
      w = data.readUInt32BE(0);
      h = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('not an 8-bit, non-interlaced PNG');
      channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[data[9]];
    }
    if (kind === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = w * channels;
  const out = Buffer.alloc(stride * h);
  for (let y = 0; y < h; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i += 1) {
      const value = raw[y * (stride + 1) + 1 + i];
      const a = i >= channels ? out[y * stride + i - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] : 0;
      const c = y > 0 && i >= channels ? out[(y - 1) * stride + i - channels] : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      out[y * stride + i] = (value + predictor) & 0xff;
    }
  }
  if (channels !== 3) throw new Error(`the server kept ${channels} channels, not RGB`);
  return sha256(out);
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// ------------------------------------------------------------------ the session

let token = '';
async function signIn() {
  const response = await fetch(`${server}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, device_name: 'sync-against-server' }),
  });
  const body = await response.json();
  if (!response.ok || !body.access_token) throw new Error(`sign-in: ${JSON.stringify(body)}`);
  token = body.access_token;
}

/** `authorizedFetch` as the app has it, minus the refresh: a 401 reaches the engine. */
const authorized = (request) => {
  request.headers.set('Authorization', `Bearer ${token}`);
  return fetch(request);
};

async function api(pathAndQuery, init = {}) {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const response = await fetch(`${server}${pathAndQuery}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
    });
    if (response.status === 401 && attempt === 0) {
      await signIn();
      continue;
    }
    if (!response.ok)
      throw new Error(`${pathAndQuery}: ${response.status} ${await response.text()}`);
    return response;
  }
  throw new Error('unreachable');
}

// ------------------------------------------------------------------ the proxy

/** Forwards to the server; cuts the connection before the answer when `cutAt` says so. */
const proxy = {
  requestsThisCycle: 0,
  cutAt: 0,
  cuts: 0,
  cutPaths: new Map(),
  forwarded: 0,
};
const proxyServer = http.createServer((request, response) => {
  const parts = [];
  request.on('data', (part) => parts.push(part));
  request.on('end', () => {
    proxy.requestsThisCycle += 1;
    proxy.forwarded += 1;
    const cut = proxy.requestsThisCycle === proxy.cutAt;
    const upstream = http.request(
      new URL(request.url, server),
      { method: request.method, headers: { ...request.headers, host: new URL(server).host } },
      (answer) => {
        const body = [];
        answer.on('data', (part) => body.push(part));
        answer.on('end', () => {
          if (cut) {
            // The server answered (and so did the work); the app will never know.
            proxy.cuts += 1;
            const key = `${request.method} ${new URL(request.url, server).pathname.replace(/[0-9a-f-]{36}/g, '{id}')} → ${answer.statusCode}`;
            proxy.cutPaths.set(key, (proxy.cutPaths.get(key) ?? 0) + 1);
            request.socket.destroy();
            return;
          }
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          response.end(Buffer.concat(body));
        });
      },
    );
    upstream.on('error', () => request.socket.destroy());
    upstream.end(Buffer.concat(parts));
  });
});
await new Promise((resolve) => proxyServer.listen(0, '127.0.0.1', resolve));
const proxyUrl = `http://127.0.0.1:${proxyServer.address().port}`;

// ------------------------------------------------------------------ the app

const storeFile = path.join(work, 'store.json');
const openStore = () => {
  let initial = {};
  try {
    initial = JSON.parse(readFileSync(storeFile, 'utf8'));
  } catch {
    // first start: empty
  }
  return new MemoryStore(initial, (content) => writeFileSync(storeFile, JSON.stringify(content)));
};

// Backoff in virtual time: each cycle moves the clock an hour, so the items are due again.
let skew = 0;
const now = () => Date.now() + skew;
const photosByUri = new Map();
let ids = 0;
const clock = { now, newId: () => randomUUID() };

function newEngine(store) {
  return new SyncEngine({
    store,
    baseUrl: proxyUrl,
    fetch: authorized,
    photoPart: async (photo) => ({
      value: new Blob([photosByUri.get(photo.uri).png], { type: photo.type }),
      filename: photo.name,
    }),
    now,
    timeoutMs: 30_000,
  });
}

let sessionsRenewed = 0;
async function syncOnce(engine) {
  const report = await engine.sync();
  if (report.stoppedBy === 'unauthorized') {
    sessionsRenewed += 1;
    await signIn();
    engine.sessionRestored();
  }
  return report;
}

await signIn();
const me = await (await api('/api/v1/auth/me')).json();
const sites = (await (await api('/api/v1/sites?is_active=true')).json()).items;
const marker = `sync-${randomUUID().slice(0, 8)}`;
log(
  `server ${server}, proxy ${proxyUrl}, ${email} (${me.id ?? me.user?.id ?? '?'}), run ${marker}`,
);

let store = openStore();
let engine = newEngine(store);
const expected = [];
for (let cycle = 0; cycle < REPORTS; cycle += 1) {
  if (cycle > 0 && cycle % 25 === 0) {
    store = openStore();
    engine = newEngine(store);
    log(`cycle ${cycle}: app restarted from ${storeFile}`);
  }
  // Offline: the report and its photos are written to the store, nothing is sent.
  const photos = [];
  for (let n = 0; n < 1 + (cycle % 2); n += 1) {
    const uri = `file:///photos/${marker}-${cycle}-${n}.png`;
    photosByUri.set(uri, makePng((ids += 1), 96, 64));
    photos.push({ uri, name: `${cycle}-${n}.png`, type: 'image/png' });
  }
  const title = `${marker} report ${String(cycle).padStart(3, '0')} from the pipe deck`;
  await addItem(
    store,
    {
      kind: 'incident',
      payload: {
        title,
        description: `Offline report ${cycle}: a load shifted during a routine lift.`,
        severity: ['low', 'medium', 'high', 'critical'][cycle % 4],
        incident_type: 'near_miss',
        occurred_at: new Date(Date.now() - 3_600_000).toISOString(),
        location: 'Pipe deck',
        site_id: sites[cycle % sites.length]?.id ?? null,
      },
      photos,
    },
    clock,
  );
  expected.push({ title, photos: photos.map((photo) => photosByUri.get(photo.uri).pixelsSha) });
  // Back online, and the connection is cut before the 2nd to 5th answer of this cycle.
  proxy.requestsThisCycle = 0;
  proxy.cutAt = 2 + (cycle % 4);
  await syncOnce(engine);
  skew += 3_600_000;
  if ((cycle + 1) % 10 === 0) {
    const items = await listItems(store);
    const count = (state) => items.filter((item) => item.state === state).length;
    log(
      `cycle ${cycle + 1}: sent ${count('sent')}, waiting ${count('waiting') + count('sending')}, refused ${count('attention')}, cuts ${proxy.cuts}`,
    );
  }
}

// A clean pass: no more cuts, until every item is settled.
proxy.cutAt = 0;
let passes = 0;
for (; passes < 50; passes += 1) {
  await syncOnce(engine);
  skew += 3_600_000;
  const items = await listItems(store);
  if (items.every((item) => item.state === 'sent' || item.state === 'attention')) break;
}
const items = await listItems(store);
log(`clean pass done after ${passes + 1} sync(s)`);

// ------------------------------------------------------------------ the checks

const failures = [];
const refused = items.filter((item) => item.state !== 'sent');
for (const item of refused)
  failures.push(
    `item ${item.payload.title} is ${item.state}: ${JSON.stringify(item.problem ?? item.lastError)}`,
  );

/** Every incident of this run in a list, all pages. */
async function incidentsOfRun(query) {
  const found = [];
  let cursor = null;
  do {
    const page = await (
      await api(
        `/api/v1/hse/incidents?q=${marker}&limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )
    ).json();
    found.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return found;
}

const onServer = await incidentsOfRun('&reported_by_me=true');
const byTitle = new Map();
for (const incident of onServer)
  byTitle.set(incident.title, [...(byTitle.get(incident.title) ?? []), incident]);
const lost = expected.filter((report) => !byTitle.has(report.title));
const duplicated = [...byTitle.values()].filter((list) => list.length > 1);
for (const report of lost) failures.push(`lost: ${report.title}`);
for (const list of duplicated) failures.push(`duplicated ${list.length}×: ${list[0].title}`);

let photosChecked = 0;
for (const report of expected) {
  const [incident] = byTitle.get(report.title) ?? [];
  if (!incident) continue;
  const item = items.find((one) => one.payload.title === report.title);
  if (item?.result?.id !== incident.id)
    failures.push(`${report.title}: the item points to ${item?.result?.id}, not ${incident.id}`);
  const attachments = await (
    await api(`/api/v1/attachments?model=hse.incident&record_id=${incident.id}`)
  ).json();
  attachments.sort((a, b) => a.position - b.position);
  if (attachments.length !== report.photos.length) {
    failures.push(
      `${report.title}: ${attachments.length} photos attached, ${report.photos.length} taken`,
    );
  }
  for (const [index, attachment] of attachments.entries()) {
    const bytes = Buffer.from(
      await (await api(`/api/v1/attachments/${attachment.id}/content`)).arrayBuffer(),
    );
    if (sha256(bytes) !== attachment.file.sha256)
      failures.push(`${report.title}: photo ${index} bytes differ from the server's SHA-256`);
    if (pngPixelsSha(bytes) !== report.photos[index])
      failures.push(`${report.title}: photo ${index} is not the one taken`);
    photosChecked += 1;
  }
}

/**
 * The done criterion, read as the web app reads it (web/src/features/hse/api/get-incidents.ts):
 * the HSE manager's incident list, no filter, 50 a page, following `next_cursor` to the
 * end. Each report of the run must be in it exactly once.
 */
async function webIncidentList() {
  const login = await fetch(`${server}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: managerEmail, password, device_name: 'sync-against-server' }),
  });
  const session = await login.json();
  if (!login.ok || !session.access_token) {
    throw new Error(`the HSE manager's sign-in: ${JSON.stringify(session)}`);
  }
  const items = [];
  let pages = 0;
  let cursor = null;
  do {
    const query = new URLSearchParams({ limit: '50' });
    if (cursor) query.set('cursor', cursor);
    const response = await fetch(`${server}/api/v1/hse/incidents?${query}`, {
      headers: { Authorization: `Bearer ${session.access_token}` },
    });
    if (!response.ok)
      throw new Error(`the web's list: ${response.status} ${await response.text()}`);
    const page = await response.json();
    items.push(...page.items);
    pages += 1;
    cursor = page.next_cursor ?? null;
  } while (cursor);
  return { items, pages };
}
const web = await webIncidentList();
const onWeb = new Map(expected.map((report) => [report.title, 0]));
for (const incident of web.items) {
  if (onWeb.has(incident.title)) onWeb.set(incident.title, onWeb.get(incident.title) + 1);
}
const notOnceOnWeb = [...onWeb].filter(([, times]) => times !== 1);
for (const [title, times] of notOnceOnWeb) {
  failures.push(`the web app's incident list shows "${title}" ${times} time(s)`);
}

const mirrored = (await listIncidents(store)).filter((incident) =>
  incident.title.startsWith(marker),
);
if (mirrored.length !== REPORTS)
  failures.push(`the device's list has ${mirrored.length} of the run's incidents`);

const replayed = items.filter((item) => item.result?.replayed).length;
const photoCount = expected.reduce((sum, report) => sum + report.photos.length, 0);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`
reports captured offline   ${REPORTS}
incidents on the server    ${onServer.length} (${byTitle.size} distinct; lost ${lost.length}, duplicated ${duplicated.length})
answers cut by the proxy   ${proxy.cuts} of ${proxy.forwarded} requests: ${[...proxy.cutPaths].map(([k, v]) => `${k} ×${v}`).join(', ')}
sessions expired (401)     ${sessionsRenewed} (each time the queue waited for a sign-in, then went on)
reports replayed           ${replayed} (a cut report's retry got the same incident back)
photos                     ${photosChecked} of ${photoCount} downloaded and identical (pixels and server SHA-256)
device's incident list     ${mirrored.length}
web app's incident list    ${expected.length - notOnceOnWeb.length} of ${expected.length} reports exactly once (HSE manager, ${web.items.length} incidents in ${web.pages} pages of 50)
time                       ${seconds} s
result                     ${failures.length ? `FAILED (${failures.length})` : 'OK'}`);
for (const failure of failures.slice(0, 20)) console.log(`  - ${failure}`);
proxyServer.close();
process.exit(failures.length ? 1 : 0);
