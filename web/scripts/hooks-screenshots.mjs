// Screenshots of the automations (hooks) and translations screens, French and English,
// at 1280 px and 768 px, saved as <out-dir>/admin-<name>.<language>.png.
// Usage: node scripts/hooks-screenshots.mjs <base-url> <email> <password> <out-dir> [names]
// (`names`: comma-separated, to retake only those). Against a running OpsFlux with the
// demo data whose admin has no second factor: it creates its sample automations through
// the API when they are missing (by name) and invites one person so that they have run.
// The webhook endpoint a task sample names is at $HOOKS_SCREENSHOTS_ENDPOINT_URL (default
// https://erp.example.com/opsflux/webhooks; offline, use a host of
// OPSFLUX_WEBHOOK_ALLOWED_HOSTS such as http://localhost:9001/erp/webhooks).
import { join } from 'node:path';

import { chromium } from 'playwright-core';

const [base, email, password, outDir, only] = process.argv.slice(2);
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

/** @param {string} method @param {string} path @param {unknown} [body] */
async function call(method, path, body) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  }).then((response) => response.json());
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${login.access_token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

const INVITED = 'Prévenir les administrateurs de chaque invitation';
const REPLAY = 'Renvoyer à l’ERP ses livraisons échouées';

/** The sample automations, created once. */
async function setUp() {
  const me = await call('GET', '/api/v1/auth/me');
  const existing = (await call('GET', '/api/v1/hooks?limit=100')).items.map((hook) => hook.name);
  const endpoints = (await call('GET', '/api/v1/webhooks/endpoints?limit=100')).items;
  const erp =
    endpoints.find((endpoint) => endpoint.description === 'ERP de maintenance') ??
    (await call('POST', '/api/v1/webhooks/endpoints', {
      url: process.env.HOOKS_SCREENSHOTS_ENDPOINT_URL ?? 'https://erp.example.com/opsflux/webhooks',
      description: 'ERP de maintenance',
    }));
  const samples = [
    {
      name: 'Alerte : message non remis',
      event: 'delivery.failed',
      is_active: false,
      priority: 10,
      conditions: { channel: { in: ['email', 'sms'] } },
      actions: [
        {
          type: 'send_notification',
          config: {
            recipients: ['role:admin'],
            title: 'Message non remis à {to}',
            message: '{subject} : {error}',
            category: 'system',
            priority: 2,
          },
        },
      ],
    },
    {
      name: 'Script : relayer les invitations en anglais',
      event: 'user.invited',
      is_active: true,
      priority: 5,
      conditions: { locale: 'en' },
      actions: [
        {
          type: 'execute_code',
          config: {
            code: 'if event.is_superuser {\n  []\n} else {\n  [#{type: "send_notification", config: #{recipients: "role:hse_manager", title: "New user: " + event.full_name, message: event.email}}]\n}',
          },
        },
      ],
    },
    {
      name: INVITED,
      event: 'user.invited',
      is_active: true,
      priority: 0,
      conditions: { status: 'invited' },
      actions: [
        {
          type: 'send_notification',
          config: {
            recipients: [me.user.id, 'role:admin'],
            title: 'Nouvelle invitation : {full_name}',
            message: '{full_name} ({email}) est invité sur OpsFlux.',
            link: '/admin/users/{id}',
            category: 'update',
            priority: 1,
          },
        },
      ],
    },
    {
      name: REPLAY,
      event: 'webhook.received',
      is_active: false,
      priority: 0,
      conditions: null,
      actions: [
        {
          type: 'create_task',
          config: { task: 'webhooks.replay_failed', params: { endpoint_id: erp.id, hours: 48 } },
        },
      ],
    },
  ];
  let created = false;
  for (const sample of samples) {
    if (existing.includes(sample.name)) continue;
    await call('POST', '/api/v1/hooks', sample);
    created = true;
  }
  if (created) {
    await call('POST', '/api/v1/users', {
      email: `screenshots-${Date.now()}@example.com`,
      full_name: 'Inès Laurent',
      locale: 'en',
    });
  }
}

/** Opens a hook by its name from the list. */
const openHook = (/** @type {string} */ name) => async (/** @type {any} */ page) => {
  await page.getByRole('link', { name }).click();
  await page.locator('#hook-name').waitFor();
};

/** That hook tried on its sample, and its last run opened. */
async function tried(page) {
  await openHook(INVITED)(page);
  await page.getByRole('button', { name: /^(Essayer|Try)$/ }).click();
  await page.getByText(/^(Conditions remplies|Conditions met)$/).waitFor();
  await page
    .getByRole('button', { name: /^(Détails de l’exécution|Details of the run)/ })
    .first()
    .click();
}

/** The automation whose action is a task (replay an endpoint's failures), tried. */
async function task(page) {
  await openHook(REPLAY)(page);
  await page.getByRole('button', { name: /^(Essayer|Try)$/ }).click();
  await page.getByText(/^(Conditions remplies|Conditions met)$/).waitFor();
}

/** A new automation half written, then refused: the server's errors by their controls. */
async function refused(page) {
  await page.locator('#hook-name').fill('Incident critique');
  await page.locator('#hook-event').selectOption('user.invited');
  await page.getByRole('button', { name: /^(Ajouter une condition|Add a condition)$/ }).click();
  await page.getByLabel(/^(Champ|Field)$/).selectOption('mfa.sms');
  await page.getByRole('button', { name: /^(Moi|Me)$/ }).click();
  await page.getByRole('textbox', { name: /^(Titre|Title)$/ }).fill('Incident #{incident_id}');
  await page.getByRole('textbox', { name: /^Message$/ }).fill('{full_name}');
  await page.getByRole('button', { name: /^(Enregistrer|Save)$/ }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: /incident_id/ })
    .waitFor();
}

/** A builder with a group, shown as JSON too. */
async function builder(page) {
  await page.locator('#hook-event').selectOption('delivery.failed');
  await page.getByRole('button', { name: /^(Ajouter un groupe|Add a group)$/ }).click();
  await page.getByLabel(/^(Champ|Field)$/).selectOption('channel');
  await page
    .getByRole('button', { name: /^(Ajouter une condition|Add a condition)$/ })
    .first()
    .click();
  await page
    .getByLabel(/^(Champ|Field)$/)
    .nth(1)
    .selectOption('to');
  await page
    .getByLabel(/^(Opérateur|Operator)$/)
    .nth(1)
    .selectOption('contains');
  await page
    .getByLabel(/^(Valeur|Value)$/)
    .nth(1)
    .fill('astreinte@example.com');
  await page.getByRole('button', { name: /^(Ajouter une action|Add an action)$/ }).click();
  await page.getByRole('menuitem', { name: /^(Exécuter un script|Run a script)$/ }).click();
}

/** A key changed in both languages, not saved yet. */
async function editing(page) {
  await page.getByRole('searchbox').fill('menu.admin');
  await page.locator('[id="tr-menu.admin.users-fr"]').fill('Personnel');
  await page.locator('[id="tr-menu.admin.users-en"]').fill('Staff');
}

/** [file name, path, optional step run before the shot, optional width (default 1280)] */
const SCREENS = [
  ['hooks', '/admin/hooks'],
  ['hooks-768', '/admin/hooks', undefined, 768],
  [
    'hooks-empty',
    '/admin/hooks',
    (page) => page.getByRole('combobox').first().selectOption('webhook.received'),
  ],
  ['hook-try', '/admin/hooks', tried],
  ['hook-try-768', '/admin/hooks', tried, 768],
  [
    'hook-script',
    '/admin/hooks',
    async (page) => {
      await openHook('Script : relayer les invitations en anglais')(page);
      const context = page.locator('#try-context');
      const sample = await context.inputValue();
      await context.fill(
        sample
          .replace('"locale": "fr"', '"locale": "en"')
          .replace('"is_superuser": true', '"is_superuser": false'),
      );
      await page.getByRole('button', { name: /^(Essayer|Try)$/ }).click();
      await page.getByText(/^(Conditions remplies|Conditions met)$/).waitFor();
    },
  ],
  ['hook-builder', '/admin/hooks/new', builder],
  ['hook-builder-768', '/admin/hooks/new', builder, 768],
  ['hook-errors', '/admin/hooks/new', refused],
  ['hook-task', '/admin/hooks', task],
  ['hook-task-768', '/admin/hooks', task, 768],
  ['translations', '/admin/translations', editing],
  ['translations-768', '/admin/translations', editing, 768],
];

await setUp();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
for (const language of ['fr', 'en']) {
  // The UI follows the profile's language: set it first.
  await call('PATCH', '/api/v1/me', { locale: language });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
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
  for (const [name, path, step, width = 1280] of SCREENS) {
    if (only && !only.split(',').includes(name)) continue;
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${base}${path}`);
    await page.waitForLoadState('networkidle');
    if (step) {
      await step(page);
      await page.waitForLoadState('networkidle');
    }
    await page.waitForTimeout(600); // debounced searches, menus and toasts settle
    // The page scrolls inside <main>: the window grows to show all of it.
    const tall = await page.evaluate(
      () => (document.querySelector('main')?.scrollHeight ?? 0) + 56,
    );
    await page.setViewportSize({ width, height: Math.min(4000, Math.max(900, tall)) });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(outDir, `admin-${name}.${language}.png`) });
    console.log('shot', name, language);
  }
  await context.close();
}
await call('PATCH', '/api/v1/me', { locale: 'fr' });
await browser.close();
