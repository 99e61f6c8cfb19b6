// Screenshots of the administration screens, French and English, at 1280 px (and a
// few at 768 px), saved as <out-dir>/admin-<name>.<language>.png.
// Usage: node scripts/admin-screenshots.mjs <base-url> <email> <password> <out-dir> [names]
// (`names`: comma-separated, to retake only those)
// (the SPA and its API at <base-url>, e.g. `vite preview` proxying to a running backend).
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

/** The history of the hourly purge job, opened. */
async function openRuns(page) {
  await page
    .getByRole('button', { name: /^(Supprimer les sessions|Remove ended sessions)/ })
    .click();
  await page.getByRole('heading', { name: /Historique des exécutions|Run history/ }).waitFor();
}

/** That history, after a manual run started from the page has ended (its toasts shown). */
async function schedulerRun(page) {
  await openRuns(page);
  await page.getByRole('button', { name: /^(Lancer maintenant|Run now).*(sessions)/ }).click();
  await page.getByText(/terminée :|finished:/).waitFor({ timeout: 15_000 });
}

/** [file name, path, optional step run before the shot, optional width (default 1280)] */
const SCREENS = [
  ['users', '/admin/users'],
  ['user-detail', '/admin/users', (page) => page.locator('tbody a').nth(1).click()],
  [
    'user-invite',
    '/admin/users',
    (page) => page.getByRole('button', { name: /Inviter|Invite/ }).click(),
  ],
  ['roles', '/admin/roles'],
  [
    'role-editor',
    '/admin/roles',
    (page) => page.getByRole('link', { name: /Superviseur/ }).click(),
  ],
  ['groups', '/admin/groups'],
  ['group-detail', '/admin/groups', (page) => page.getByRole('link', { name: /Équipe/ }).click()],
  ['api-tokens', '/admin/api-tokens'],
  [
    'api-token-create',
    '/admin/api-tokens',
    (page) => page.getByRole('button', { name: /Nouveau jeton|New token/ }).click(),
  ],
  [
    'audit',
    '/admin/audit',
    async (page) => {
      await page.getByRole('button', { name: /Vérifier la chaîne|Check the chain/ }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /chaîne|chain/ })
        .waitFor();
      await page.locator('tbody button').nth(1).click();
    },
  ],
  ['emails', '/admin/emails', (page) => page.locator('tbody button').first().click()],
  ['email-templates', '/admin/emails?tab=templates'],
  ['webhooks', '/admin/webhooks'],
  ['webhook-endpoint', '/admin/webhooks', (page) => page.locator('tbody a').first().click()],
  [
    'webhook-endpoint-create',
    '/admin/webhooks',
    (page) => page.getByRole('button', { name: /Nouvelle destination|New endpoint/ }).click(),
  ],
  ['users-768', '/admin/users', undefined, 768],
  [
    'menu-768',
    '/admin/users',
    (page) => page.getByRole('button', { name: /Déplier le menu|Expand the menu/ }).click(),
    768,
  ],
  ['companies', '/admin/companies'],
  ['scheduler', '/admin/scheduler'],
  ['scheduler-runs', '/admin/scheduler', schedulerRun],
  ['scheduler-768', '/admin/scheduler', undefined, 768],
  ['scheduler-runs-768', '/admin/scheduler', openRuns, 768],
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
for (const language of ['fr', 'en']) {
  // The UI follows the profile's language: set it first.
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  }).then((response) => response.json());
  await fetch(`${base}/api/v1/me`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${login.access_token}` },
    body: JSON.stringify({ locale: language }),
  });
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
    await page.waitForTimeout(400); // let dialogs finish their open animation
    await page.screenshot({ path: join(outDir, `admin-${name}.${language}.png`), fullPage: true });
    console.log('shot', name, language);
  }
  await context.close();
}
await browser.close();
