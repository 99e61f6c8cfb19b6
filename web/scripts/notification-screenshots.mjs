// Screenshots of the notifications (the bell's panel, a live arrival, the notifications
// page with a notification's delivery, an empty view, the preferences card), French
// and English, at 1280 and 768 px, saved as <out-dir>/notifications-<name>[-768].<lang>.png.
// Usage: node scripts/notification-screenshots.mjs <base-url> <email> <password> <out-dir> [names]
// Against a running OpsFlux whose demo admin has no second factor; it sends that admin
// a few notifications first (it holds notifications.send.notification).
import { join } from 'node:path';

import { chromium } from 'playwright-core';

const [base, email, password, outDir, only] = process.argv.slice(2);
if (!base || !email || !password || !outDir) {
  console.error('usage: node scripts/notification-screenshots.mjs <base> <email> <password> <dir>');
  process.exit(2);
}
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @param {string} method @param {string} path @param {unknown} [body] @param {string} [token] */
async function call(method, path, body, token) {
  const response = await fetch(base + path, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

const login = () =>
  call('POST', '/api/v1/auth/login', { email, password }).then((out) => out.access_token);

/** Preferences whose do-not-disturb window holds now, so emails show as deferred. */
function dndNow(timeZone) {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone }).format(
      new Date(),
    ),
  );
  const at = (h) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
  return { start: at(hour - 1), end: at(hour + 2) };
}

const SAMPLES = [
  {
    title: 'Action ACT-2026-00007 vous est assignée',
    message: 'Remplacer la main courante corrodée du pont B.\n\nÉchéance : 3 décembre.',
    category: 'action',
    priority: 1,
    link: '/actions/ACT-2026-00007',
  },
  {
    title: 'Rapport journalier POB disponible',
    message: '42 personnes à bord de la plateforme Alpha ce matin.',
    category: 'update',
    priority: 0,
    read: true,
  },
  {
    title: 'Marie Dupont vous a mentionné',
    message: '« @Demo peux-tu valider le permis de travail PTW-118 avant 14 h ? »',
    category: 'mention',
    priority: 1,
    link: '/ptw/PTW-118',
    read: true,
  },
  {
    title: 'Maintenance planifiée ce soir',
    message: 'OpsFlux sera indisponible de 23:00 à 23:30 pour une mise à jour.',
    category: 'system',
    priority: 1,
    archive: true,
  },
  {
    title: 'Incident HSE INC-2026-00042 déclaré',
    message:
      'Fuite d’hydrocarbures signalée sur le pont B, zone de pompage. Le périmètre est balisé, une équipe d’intervention est en route.',
    category: 'hse',
    priority: 2,
    link: '/hse/incidents/INC-2026-00042',
  },
];

/** The admin's inbox: a few notifications of each kind, some read, one archived. */
async function seed() {
  const token = await login();
  const me = await call('GET', '/api/v1/auth/me', undefined, token);
  const window = dndNow(me.user.time_zone);
  await call(
    'PUT',
    '/api/v1/notifications/preferences',
    {
      enabled_channels: ['in_app', 'email', 'sms', 'push'],
      dnd_enabled: true,
      dnd_start_time: window.start,
      dnd_end_time: window.end,
      min_priority: 0,
      muted_categories: [],
      digest_enabled: false,
      digest_frequency: 'daily',
    },
    token,
  );
  for (const { read, archive, ...sample } of SAMPLES) {
    await call(
      'POST',
      '/api/v1/notifications',
      { ...sample, recipients: [me.user.id], data: {} },
      token,
    );
    const { items } = await call('GET', '/api/v1/notifications?limit=1', undefined, token);
    const id = items[0]?.id;
    if (read) await call('POST', `/api/v1/notifications/${id}/read`, undefined, token);
    if (archive) await call('POST', `/api/v1/notifications/${id}/archive`, undefined, token);
  }
  // What the preferences card then shows.
  await call(
    'PUT',
    '/api/v1/notifications/preferences',
    {
      enabled_channels: ['in_app', 'email', 'sms'],
      dnd_enabled: true,
      dnd_start_time: '22:00',
      dnd_end_time: '07:00',
      min_priority: 1,
      muted_categories: ['update'],
      digest_enabled: true,
      digest_frequency: 'daily',
    },
    token,
  );
  return { token, userId: me.user.id };
}

const ALERT = 'Alerte gaz H2S — module de compression';

/** The live alert of an earlier shot, out of the next shots' way (archived). */
async function archiveAlerts(token) {
  const { items } = await call('GET', '/api/v1/notifications?limit=50', undefined, token);
  for (const n of items.filter((item) => item.title === ALERT)) {
    await call('POST', `/api/v1/notifications/${n.id}/archive`, undefined, token);
  }
}

/** @param {import('playwright-core').Page} page */
const bell = (page) => page.getByRole('button', { name: /^Notifications/ });

/** [name, path, step before the shot, window height at 1280 and 768 px (default 900, 1024)] */
const SCREENS = [
  [
    'inbox',
    '/',
    async (page) => {
      await bell(page).click();
      await page.getByRole('dialog').getByRole('list').waitFor();
    },
  ],
  [
    'page',
    '/notifications',
    async (page) => {
      await page
        .getByRole('button', { name: /^Incident HSE INC-2026-00042/ })
        .first()
        .click();
      await page
        .getByText(/Différée|Deferred/)
        .first()
        .waitFor();
    },
  ],
  ['empty', '/notifications?view=archived&category=security'],
  [
    'preferences',
    '/profile?tab=notifications',
    (page) => page.locator('#pref-dnd-start').waitFor(),
    [1000, 1400],
  ],
  [
    'preferences-errors',
    '/profile?tab=notifications',
    async (page) => {
      await page.locator('#pref-dnd-end').fill('22:00');
      await page.getByRole('button', { name: /^(Enregistrer|Save)$/ }).click();
      await page.locator('#pref-dnd-end-error').waitFor();
    },
    [1000, 1400],
  ],
  [
    'live',
    '/',
    async (page, { token, userId }) => {
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForTimeout(500);
      await call(
        'POST',
        '/api/v1/notifications',
        {
          title: ALERT,
          message:
            'Détecteur GD-204 à 12 ppm. Évacuez la zone et rejoignez le point de rassemblement.',
          category: 'hse',
          priority: 3,
          link: '/hse/alerts',
          recipients: [userId],
          data: {},
        },
        token,
      );
      await page.getByText(ALERT).first().waitFor();
      await page.waitForTimeout(600);
    },
  ],
];

const seeded = await seed();
for (const language of ['fr', 'en']) {
  // The browser's own language: time inputs read 22:00 in French, not 10:00 PM.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...FLAGS, `--lang=${language === 'fr' ? 'fr-FR' : 'en-GB'}`],
  });
  const token = await login();
  await call('PATCH', '/api/v1/me', { locale: language }, token);
  for (const width of [1280, 768]) {
    await archiveAlerts(token);
    const context = await browser.newContext({
      viewport: { width, height: width === 768 ? 1024 : 900 },
      locale: language === 'fr' ? 'fr-FR' : 'en-GB',
      timezoneId: 'Europe/Paris',
    });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.evaluate((lang) => localStorage.setItem('opsflux.language', lang), language);
    await page.goto(`${base}/sign-in`);
    await page.locator('input[type=email]').fill(email);
    await page.locator('input[type=password]').fill(password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    for (const [name, path, step, [wide, narrow] = [900, 1024]] of SCREENS) {
      if (only && !only.split(',').includes(name)) continue;
      // The page scrolls inside its main column: a window tall enough shows it all.
      await page.setViewportSize({ width, height: width === 768 ? narrow : wide });
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      if (step) await step(page, seeded);
      await page.waitForTimeout(300);
      const file = `notifications-${name}${width === 768 ? '-768' : ''}.${language}.png`;
      await page.screenshot({ path: join(outDir, file) });
      console.log('shot', file);
    }
    await context.close();
  }
  await browser.close();
}
