// Screenshots of the main screens, French and English, at 1280 and 768 px, into
// docs/screenshots/. Against a running OpsFlux whose demo admin has no second factor
// yet: `OPSFLUX_URL=http://127.0.0.1:18080 OPSFLUX_EMAIL=… OPSFLUX_PASSWORD=… npm run screenshots`.
// It turns TOTP on for that admin (the 2FA step needs it).
import { mkdirSync } from 'node:fs';

import { launch } from './browser.mjs';
import { totp } from './totp.mjs';

const base = process.env.OPSFLUX_URL ?? 'http://127.0.0.1:8080';
const email = process.env.OPSFLUX_EMAIL ?? 'admin@demo.opsflux.localhost';
const password = process.env.OPSFLUX_PASSWORD ?? '';
const out = 'docs/screenshots';
const WIDTHS = [1280, 768];

/** @param {string} path @param {unknown} body @param {string} [token] */
async function api(path, body, token) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** TOTP on, through the API; answers the seed and the recovery codes. */
async function enableTotp() {
  const { access_token } = await api('/api/v1/auth/login', { email, password });
  const { secret } = await api('/api/v1/auth/mfa/totp/enroll', {}, access_token);
  const { recovery_codes } = await api(
    '/api/v1/auth/mfa/totp/confirm',
    { code: totp(secret) },
    access_token,
  );
  return { secret, recovery: recovery_codes };
}

/** @param {import('playwright-core').Page} page @param {string} name @param {string} lang */
async function shoot(page, name, lang) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 768 ? 1024 : 800 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${out}/${name}-${lang}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function run() {
  mkdirSync(out, { recursive: true });
  const { secret, recovery } = await enableTotp();
  for (const lang of ['fr', 'en']) {
    const context = await launch();
    await context.addInitScript((language) => {
      if (!localStorage.getItem('opsflux.language'))
        localStorage.setItem('opsflux.language', language);
    }, lang);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${base}/sign-in`);
    await page.locator('#email').waitFor();
    await shoot(page, 'sign-in', lang);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.keyboard.press('Enter');
    await page.locator('#mfa-code').waitFor();
    await shoot(page, 'second-factor', lang);
    // Each TOTP code works once (the confirmation spent this window's): French uses the
    // app's next code, English a recovery code.
    if (lang === 'fr') {
      await page.fill('#mfa-code', totp(secret, Date.now() + 30_000));
    } else {
      await page.getByRole('tab').nth(1).click();
      await page.fill('#mfa-code', recovery[0] ?? '');
    }
    await page.keyboard.press('Enter');
    await page.locator('main h1').waitFor();
    if (lang === 'en') {
      // The app follows the profile's language: switch it from the user menu.
      await page.getByRole('button', { name: /^Menu/ }).click();
      await page.getByRole('menuitemradio', { name: 'English' }).click();
      await page.getByRole('heading', { name: /^Hello/ }).waitFor();
    }
    await shoot(page, 'home', lang);
    await page.goto(`${base}/profile`);
    await page.locator('#full-name').waitFor();
    await shoot(page, 'profile', lang);
    await page.goto(`${base}/profile?tab=security`);
    await page.getByRole('tabpanel').waitFor();
    await shoot(page, 'security', lang);
    await page.goto(`${base}/profile?tab=sessions`);
    await page.locator('table').first().waitFor();
    await page.waitForTimeout(300);
    await shoot(page, 'sessions', lang);
    await page.goto(`${base}/admin/nothing-here`);
    await page.getByText('404').waitFor();
    await shoot(page, 'not-found', lang);
    if (lang === 'en') {
      await page.getByRole('button', { name: /^Menu/ }).click();
      await page.getByRole('menuitemradio', { name: 'Français' }).click();
    }
    await context.close();
  }
}

await run();
