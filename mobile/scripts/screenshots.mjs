// Screenshots of the field app's web export, at a phone's size, in French and English.
//
//   npx expo export --platform web --output-dir dist     (npm run export:web)
//   node scripts/screenshots.mjs [dist] [--out docs/screenshots]
//   node scripts/screenshots.mjs --check dist            renders sign-in, then the report form; exit 1 if not
//
// A small static server serves the export; Debian's Chromium (scripts/tools.sh chromium)
// opens it through playwright-core; every API call is answered by `page.route` with JSON
// shaped like the server's (src/api/schema.d.ts). One function per screen in SCREENS: to
// add one, write `async function myScreen(page, t)` that gets the page there, and list it.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../packages/shared/chromium.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
/** The API address baked into the export (EXPO_PUBLIC_API_URL's default); any host works, all is routed. */
const API = '**/api/v1/**';

// ---------------------------------------------------------------- static server

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** Serves `dir` on a free port; unknown paths get index.html (a single-page export). */
export function serve(dir) {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((ready) =>
    server.listen(0, '127.0.0.1', () =>
      ready({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }),
    ),
  );
}

// ---------------------------------------------------------------- the fake API

const USER = '01937c4e-0000-7000-8000-000000000001';
const COMPANY = '01937c4e-0000-7000-8000-0000000000c0';

const me = (locale) => ({
  user: {
    id: USER,
    email: 'a.moreau@perenco.example',
    full_name: 'Amélie Moreau',
    locale,
    time_zone: 'Africa/Libreville',
    company_id: COMPANY,
    status: 'active',
    is_active: true,
    is_superuser: false,
    mfa: { totp: true, sms: false, recovery_codes_left: 8 },
    created_at: '2026-01-05T08:00:00Z',
  },
  company: {
    id: COMPANY,
    name: 'Perenco Gabon',
    slug: 'perenco-gabon',
    locale: 'fr',
    time_zone: 'Africa/Libreville',
    is_active: true,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  },
  locale,
});

const tokens = () => ({
  access_token: 'access-shot',
  token_type: 'Bearer',
  expires_in: 900,
  refresh_token: 'refresh-shot',
  refresh_expires_at: '2027-01-01T00:00:00Z',
  session_id: '01937c4e-0000-7000-8000-00000000005e',
});

const notification = (id, title, message, minutesAgo, read, link) => ({
  id: `01937c4e-0000-7000-8000-${String(id).padStart(12, '0')}`,
  user_id: USER,
  title,
  message,
  category: 'hse',
  priority: read ? 1 : 2,
  data: {},
  link,
  read_at: read ? '2026-12-01T08:00:00Z' : null,
  created_at: new Date(Date.UTC(2026, 11, 1, 9, 30) - minutesAgo * 60_000).toISOString(),
});

const INBOX = {
  fr: [
    notification(
      1,
      'URGENT : incident critique INC-2026-00042',
      'Fuite de gaz sur le skid compresseur (Plateforme Anguille)',
      12,
      false,
      '/hse/incidents/01937c4e-0000-7000-8000-000000000042',
    ),
    notification(
      2,
      'Action ACT-2026-00007 à réaliser',
      'Remplacer le joint de la vanne V-203 avant le 5 déc.',
      95,
      false,
      '/hse/incidents/01937c4e-0000-7000-8000-000000000041',
    ),
    notification(
      3,
      'Incident INC-2026-00039 approuvé',
      'Chute d’objet sur le pont principal',
      60 * 26,
      true,
      '/hse/incidents/01937c4e-0000-7000-8000-000000000039',
    ),
  ],
  en: [
    notification(
      1,
      'URGENT: critical incident INC-2026-00042',
      'Gas leak on the compressor skid (Anguille platform)',
      12,
      false,
      '/hse/incidents/01937c4e-0000-7000-8000-000000000042',
    ),
    notification(
      2,
      'Action ACT-2026-00007 to do',
      'Replace the V-203 valve seal by 5 Dec.',
      95,
      false,
      '/hse/incidents/01937c4e-0000-7000-8000-000000000041',
    ),
    notification(
      3,
      'Incident INC-2026-00039 approved',
      'Dropped object on the main deck',
      60 * 26,
      true,
      '/hse/incidents/01937c4e-0000-7000-8000-000000000039',
    ),
  ],
};

// ---------------------------------------------------------------- the field screens' data

const id = (n) => `01937c4e-0000-7000-8000-${String(n).padStart(12, '0')}`;
const at = (day, hour = 8) => new Date(Date.UTC(2026, 11, day, hour, 0)).toISOString();

const site = (n, name, kind) => ({
  id: id(500 + n),
  company_id: COMPANY,
  name,
  kind,
  location: 'Golfe de Guinée',
  coordinates: null,
  is_active: true,
  created_at: at(1),
  updated_at: at(1),
});
const SITES = [
  site(1, 'Plateforme Alpha', 'platform'),
  site(2, 'Plateforme Bravo', 'platform'),
  site(3, 'Ocean Spirit', 'vessel'),
  site(4, 'Base logistique de Port-Gentil', 'base'),
];

const incident = (n, day, title, status, severity, type) => ({
  id: id(n),
  number: `INC-2026-000${n}`,
  title,
  description: title,
  severity,
  incident_type: type,
  status,
  occurred_at: at(day, 7),
  location: 'Pont principal',
  site_id: SITES[0].id,
  reported_by: USER,
  assigned_to: null,
  revision: 2,
  created_at: at(day),
  updated_at: at(day, 10),
});
/** "My incidents" on the server (GET /hse/incidents?reported_by_me=true). */
const MY_INCIDENTS = {
  fr: [
    incident(
      41,
      4,
      'Fuite d’huile sur la pompe P-101',
      'under_investigation',
      'medium',
      'environment',
    ),
    incident(39, 2, 'Chute d’objet sur le pont principal', 'closed', 'high', 'near_miss'),
    incident(36, 1, 'Main coincée dans une porte étanche', 'submitted', 'low', 'injury'),
  ],
  en: [
    incident(41, 4, 'Oil leak on pump P-101', 'under_investigation', 'medium', 'environment'),
    incident(39, 2, 'Dropped object on the main deck', 'closed', 'high', 'near_miss'),
    incident(36, 1, 'Hand caught in a watertight door', 'submitted', 'low', 'injury'),
  ],
};

/** A day `offset` days from today (YYYY-MM-DD): "overdue" stays true whenever this runs. */
const dayFromToday = (offset) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const action = (n, title, due, status, overdue) => ({
  id: id(700 + n),
  number: `ACT-2026-0000${n}`,
  incident_id: id(41),
  kind: 'corrective',
  title,
  description: null,
  owner_id: USER,
  due_date: due,
  status,
  status_note: null,
  overdue,
  revision: 1,
  completed_at: null,
  verified_at: null,
  verified_by: null,
  created_at: at(2),
  updated_at: at(2),
  deleted_at: null,
});
/** "My actions" (GET /hse/actions?owner=me). */
const MY_ACTIONS = {
  fr: [
    action(5, 'Nettoyer la zone de la pompe P-101', dayFromToday(-3), 'open', true),
    action(7, 'Remplacer le joint de la vanne V-203', dayFromToday(4), 'in_progress', false),
    action(8, 'Former l’équipe de quart au port du harnais', dayFromToday(12), 'open', false),
  ],
  en: [
    action(5, 'Clean up around pump P-101', dayFromToday(-3), 'open', true),
    action(7, 'Replace the V-203 valve seal', dayFromToday(4), 'in_progress', false),
    action(8, 'Train the shift crew on harness use', dayFromToday(12), 'open', false),
  ],
};

/**
 * Reports queued on the device (the outbox's items, as src/sync/outbox.ts writes them in
 * the web store, device-store.web.ts): one waiting for its next try, one the server
 * refused with its problem document.
 */
function outbox(language) {
  const words = {
    fr: ['Gaz détecté près du séparateur', 'Garde-corps desserré, Plateforme Bravo'],
    en: ['Gas detected near the separator', 'Loose guard rail, Bravo platform'],
  }[language];
  const item = (n, title, minutesAgo, state) => {
    const created = new Date(Date.parse(at(7, 9)) - minutesAgo * 60_000).toISOString();
    return {
      id: `local-${n}`,
      idempotencyKey: `key-${n}`,
      kind: 'incident',
      state,
      createdAt: created,
      updatedAt: created,
      payload: {
        title,
        description: title,
        severity: 'high',
        incident_type: 'near_miss',
        occurred_at: created,
        location: 'Pont inférieur',
        site_id: SITES[n].id,
      },
      photos: [],
      attempts: state === 'waiting' ? 2 : 1,
      // Not due for a year: the page's engine leaves it waiting.
      nextAttemptAt: state === 'waiting' ? Date.now() + 365 * 86_400_000 : null,
      lastError: null,
      problem:
        state === 'attention'
          ? {
              type: 'urn:opsflux:problem:validation_failed',
              title: 'Unprocessable Content',
              status: 422,
              code: 'validation_failed',
              detail: 'The request body has invalid fields.',
              errors: [
                { field: 'site_id', code: 'inactive', message: 'this site is no longer in use' },
              ],
            }
          : null,
      result: null,
    };
  };
  return [item(1, words[1], 90, 'attention'), item(2, words[0], 20, 'waiting')];
}

/** A "mark done" of action 7 queued on the device, waiting for the network. */
function queuedCompletion(language) {
  const created = new Date(Date.now() - 15 * 60_000).toISOString();
  const done = MY_ACTIONS[language][1];
  return [
    {
      id: 'local-done-7',
      idempotencyKey: 'key-done-7',
      kind: 'action_move',
      state: 'waiting',
      createdAt: created,
      updatedAt: created,
      payload: { actionId: done.id, actionLabel: done.title, move: 'complete', note: null },
      photos: [],
      attempts: 1,
      nextAttemptAt: Date.now() + 365 * 86_400_000,
      lastError: null,
      problem: null,
      result: null,
    },
  ];
}

/** The field screens' answers: the sites, my incidents, my actions. */
const fieldAnswers = (language) => (method, path) => {
  if (method !== 'GET') return undefined;
  if (path === '/api/v1/sites') return { status: 200, body: { items: SITES, next_cursor: null } };
  if (path === '/api/v1/hse/incidents') {
    return { status: 200, body: { items: MY_INCIDENTS[language], next_cursor: null } };
  }
  if (path === '/api/v1/hse/actions') {
    return { status: 200, body: { items: MY_ACTIONS[language], next_cursor: null } };
  }
  return undefined;
};

/**
 * The server's answers for one page: `{ status, body }` for a method and path. `mfa`:
 * the login asks for a second factor. Screens that need other answers pass `extra`,
 * tried first.
 */
function answers(language, { mfa = false, extra } = {}) {
  return (method, path, sent) => {
    const own = extra?.(method, path, sent) ?? fieldAnswers(language)(method, path);
    if (own) return own;
    if (path === '/api/v1/auth/login') {
      return mfa
        ? {
            status: 200,
            body: {
              mfa_required: true,
              mfa_token: 'mfa-shot',
              methods: ['totp', 'sms', 'recovery'],
              expires_in: 300,
            },
          }
        : { status: 200, body: tokens() };
    }
    if (path === '/api/v1/auth/mfa/verify' || path === '/api/v1/auth/refresh')
      return { status: 200, body: tokens() };
    if (path === '/api/v1/auth/me') return { status: 200, body: me(language) };
    if (path === '/api/v1/notifications')
      return { status: 200, body: { items: INBOX[language], next_cursor: null } };
    if (path === '/api/v1/notifications/unread-count') {
      return { status: 200, body: { unread: INBOX[language].filter((n) => !n.read_at).length } };
    }
    if (path === '/api/v1/auth/logout') return { status: 204 };
    return {
      status: 404,
      body: {
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: path,
        code: 'not_found',
      },
    };
  };
}

// ---------------------------------------------------------------- browser and pages

/**
 * A phone-sized page in `language`, its API answered by `answer(method, path, body)`;
 * `queued`: outbox items already on the device.
 */
async function openPage(browser, base, language, answer, queued = []) {
  const context = await browser.newContext({
    ...PHONE,
    locale: language === 'fr' ? 'fr-FR' : 'en-GB',
    timezoneId: 'Africa/Libreville',
  });
  await context.route(API, async (route) => {
    const request = route.request();
    let sent = null;
    try {
      sent = request.postDataJSON();
    } catch {
      sent = request.postData();
    }
    const { status, body } = answer(request.method(), new URL(request.url()).pathname, sent);
    await route.fulfill({
      status,
      headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' },
      contentType: status >= 400 ? 'application/problem+json' : 'application/json',
      body: body === undefined ? '' : JSON.stringify(body),
    });
  });
  // The language chosen on the device (src/i18n/preference.ts keeps it in localStorage on the web).
  await context.addInitScript(
    (lang) => localStorage.setItem('opsflux.settings.language', lang),
    language,
  );
  await context.addInitScript((items) => {
    for (const item of items) {
      localStorage.setItem(
        `opsflux.sync.outbox:${item.createdAt}:${item.id}`,
        JSON.stringify(item),
      );
    }
  }, queued);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') console.warn(`  console: ${message.text()}`);
  });
  await page.goto(base, { waitUntil: 'load' });
  return { context, page, errors };
}

/** The UI's words used to drive the pages (the same as src/i18n/locales). */
const WORDS = {
  fr: {
    signIn: 'Se connecter',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    mfa: 'Vérification en deux étapes',
    inbox: 'Notifications',
    profile: 'Profil',
    report: 'Déclarer',
    reportTitle: 'Titre *',
    incidents: 'Incidents',
    actions: 'Actions',
  },
  en: {
    signIn: 'Sign in',
    email: 'Email address',
    password: 'Password',
    mfa: 'Two-step verification',
    inbox: 'Notifications',
    profile: 'Profile',
    report: 'Report',
    reportTitle: 'Title *',
    incidents: 'Incidents',
    actions: 'Actions',
  },
};

async function signIn(page, t) {
  await page.getByRole('button', { name: t.signIn }).waitFor();
  await page.getByLabel(t.email).fill('a.moreau@perenco.example');
  await page.getByLabel(t.password).fill('correct horse battery');
  await page.getByRole('button', { name: t.signIn }).click();
}

/** Opens a tab of the signed-in app by its label. */
async function openTab(page, name) {
  await page.getByRole('tab', { name }).first().click();
}

// ---------------------------------------------------------------- the screens

/** Each screen: `{ name, options for answers(), go(page, t) }`; `go` gets the page there. */
const SCREENS = [
  {
    name: 'sign-in',
    go: async (page, t) => {
      await page.getByRole('button', { name: t.signIn }).waitFor();
    },
  },
  {
    name: 'sign-in-mfa',
    options: { mfa: true },
    go: async (page, t) => {
      await signIn(page, t);
      await page.getByRole('heading', { name: t.mfa }).waitFor();
    },
  },
  {
    name: 'inbox',
    go: async (page, t) => {
      await signIn(page, t);
      await openTab(page, t.inbox);
      await page
        .getByRole('button')
        .filter({ hasText: /INC-2026-00042/ })
        .first()
        .waitFor();
    },
  },
  {
    name: 'report',
    go: async (page, t) => {
      await signIn(page, t);
      // A signed-in user lands on the report form; the sites come with the first sync.
      await page.getByLabel(t.reportTitle).waitFor();
      await page.getByText('Plateforme Alpha').first().waitFor();
    },
  },
  {
    name: 'incidents',
    queued: outbox,
    go: async (page, t) => {
      await signIn(page, t);
      await openTab(page, t.incidents);
      await page.getByText(/INC-2026-00036/).waitFor();
    },
  },
  {
    name: 'actions',
    queued: queuedCompletion,
    go: async (page, t) => {
      await signIn(page, t);
      await openTab(page, t.actions);
      await page.getByText(/ACT-2026-00008/).waitFor();
    },
  },
  {
    name: 'profile',
    go: async (page, t) => {
      await signIn(page, t);
      await openTab(page, t.profile);
      await page.getByText('Perenco Gabon').waitFor();
    },
  },
];

async function launch() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: run scripts/tools.sh chromium (or set CHROMIUM)`,
    );
  }
  // Playwright gives the browser a fresh profile of its own (a temporary user-data-dir).
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  return { browser, close: () => browser.close() };
}

async function shootAll(dir, outDir, only) {
  const site = await serve(dir);
  const { browser, close } = await launch();
  try {
    for (const screen of SCREENS.filter((s) => !only || only.includes(s.name))) {
      for (const language of ['fr', 'en']) {
        const { context, page, errors } = await openPage(
          browser,
          site.url,
          language,
          answers(language, screen.options),
          screen.queued?.(language),
        );
        await screen.go(page, WORDS[language]);
        await page.waitForTimeout(300); // fonts and the last layout pass
        const file = join(outDir, `${screen.name}.${language}.png`);
        await page.screenshot({ path: file });
        console.log(`  ${file}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`);
        await context.close();
      }
    }
  } finally {
    await close();
    site.close();
  }
}

/**
 * For `make test`: the export renders the sign-in screen, then (signed in through its
 * form) the report form with the sites its first sync brought, without page errors.
 */
async function check(dir) {
  const site = await serve(dir);
  const { browser, close } = await launch();
  try {
    const t = WORDS.en;
    const { page, errors } = await openPage(browser, site.url, 'en', answers('en'));
    const button = page.getByRole('button', { name: t.signIn });
    await button.waitFor({ state: 'visible', timeout: 30_000 });
    await page.getByLabel(t.email).waitFor({ state: 'visible' });
    await signIn(page, t);
    await page.getByLabel(t.reportTitle).waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByText(SITES[0].name).first().waitFor({ state: 'visible' });
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    console.log(`screenshots --check: ${dir} renders the sign-in screen and the report form`);
  } finally {
    await close();
    site.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args.splice(i, 2)[1];
  };
  const checkDir = option('--check');
  if (checkDir) return check(checkDir);
  const outDir = resolve(option('--out') ?? join(here, '..', 'docs', 'screenshots'));
  const only = option('--only')?.split(',');
  const dir = args[0] ?? join(here, '..', 'dist');
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`${dir}/index.html is missing: run npm run export:web first`);
  }
  await shootAll(dir, outDir, only);
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
