// What the end-to-end scenarios share: the stack scripts/e2e.sh started (through the
// environment), a browser with one context per user, the SMTP sink's mailbox, polling
// with a deadline, and signing in through the UI. The UI is driven in French, the
// default language (the demo admin's).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchBrowser } from './browser.mjs';
import { totp } from './totp.mjs';

/** @param {string} name */
function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through scripts/e2e.sh`);
  return value;
}

export const base = required('OPSFLUX_URL');
export const mailDir = required('E2E_MAIL_DIR');
export const receiver = required('E2E_WEBHOOK_RECEIVER');
const artifacts = process.env.E2E_ARTIFACTS ?? join(tmpdir(), 'opsflux-e2e');

/** Where a screenshot named `name` goes ($E2E_ARTIFACTS); another `extension` for other files. */
/** @param {string} name @param {string} [extension] */
export function artifact(name, extension = 'png') {
  mkdirSync(artifacts, { recursive: true });
  return join(artifacts, `${name.replace(/[^\w.-]+/g, '-')}.${extension}`);
}

/** The demo administrator, from the file `opsflux seed-demo` wrote. */
export const admin = (() => {
  const [email = '', password = ''] = readFileSync(
    join(required('OPSFLUX_DATA_DIR'), 'demo-admin.txt'),
    'utf8',
  ).split('\n');
  return { email, password, name: 'Demo Admin' };
})();

/** Shared between scenarios: what the first one set up for the admin. */
export const adminState = {
  /** The TOTP seed once enrolled. @type {string | null} */
  totpSecret: null,
  /** The "trust this device" cookie of the admin's second sign-in. @type {import('playwright-core').Cookie | null} */
  trustedDevice: null,
};

/**
 * Calls `check` every `interval` ms until it answers something truthy, for at most
 * `seconds`; answers that value.
 * @template T
 * @param {string} what @param {() => Promise<T> | T} check
 */
export async function eventually(what, check, { seconds = 15, interval = 200 } = {}) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** @type {import('playwright-core').Browser | null} */
let browser = null;

/**
 * Runs `body` with a page of a new browser context (a user of their own); on failure,
 * a screenshot of it goes to $E2E_ARTIFACTS. Uncaught page errors fail the scenario.
 * @param {string} name
 * @param {(page: import('playwright-core').Page, context: import('playwright-core').BrowserContext) => Promise<void>} body
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
export async function withPage(name, body, options = {}) {
  browser ??= await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  /** @type {Error[]} */
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  try {
    await body(page, context);
    if (pageErrors.length > 0) throw new Error(`uncaught in the page: ${pageErrors.join('; ')}`);
  } catch (error) {
    const path = artifact(`failed-${name}`);
    await page.screenshot({ path, fullPage: true }).catch(() => {});
    console.error(`screenshot: ${path} (at ${page.url()})`);
    throw error;
  } finally {
    await context.close();
  }
}

export async function closeBrowser() {
  await browser?.close();
  browser = null;
}

/** Undoes quoted-printable (soft line breaks, `=XX` bytes) so a link can be searched. */
/** @param {string} raw */
function decodeQuotedPrintable(raw) {
  const bytes = Buffer.from(raw.replace(/\r\n/g, '\n').replace(/=\n/g, ''), 'latin1');
  const out = [];
  for (let i = 0; i < bytes.length; i++) {
    const hex = bytes.subarray(i + 1, i + 3).toString('latin1');
    if (bytes[i] === 0x3d && /^[0-9A-F]{2}$/i.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(bytes[i] ?? 0);
    }
  }
  return Buffer.from(out).toString('utf8');
}

/** The first message the SMTP sink received for `address`, decoded. */
/** @param {string} address */
export function waitForEmail(address) {
  return eventually(`an email to ${address}`, () =>
    readdirSync(mailDir)
      .filter((name) => name.endsWith('.eml'))
      .sort()
      .map((name) => decodeQuotedPrintable(readFileSync(join(mailDir, name), 'latin1')))
      .find((message) => new RegExp(`^To:.*${address.replace(/\W/g, '\\$&')}`, 'im').test(message)),
  );
}

/** The link to `page` (`accept-invitation`, `reset-password`) in an email. */
/** @param {string} message @param {string} page */
export function emailLink(message, page) {
  const match = message.match(new RegExp(`https?://[^\\s"'<>]+/${page}\\?token=[\\w-]+`));
  if (!match) throw new Error(`no ${page} link in:\n${message}`);
  return match[0];
}

/** Each TOTP code is accepted once: the next sign-in uses the next 30-second window. */
let lastTotpWindow = 0;
/** @param {string} secret */
export async function freshTotp(secret) {
  const window = await eventually(
    'a TOTP window not used yet',
    () => {
      const now = Math.floor(Date.now() / 30_000);
      // The server accepts the next window too (clock drift): use it rather than wait.
      const next = Math.max(now, lastTotpWindow + 1);
      return next <= now + 1 ? next : 0;
    },
    { seconds: 35, interval: 500 },
  );
  lastTotpWindow = window;
  return totp(secret, window * 30_000);
}

/** @param {import('playwright-core').Page} page */
export const homeHeading = (page) => page.getByRole('heading', { level: 1, name: /^Bonjour / });

/** @param {import('playwright-core').Page} page */
export const signInForm = (page) => page.getByRole('heading', { level: 1, name: 'Connexion' });

/**
 * Email and password on the sign-in page; `secondFactor` answers the code step when
 * the account asks for one.
 * @param {import('playwright-core').Page} page
 * @param {{ email: string, password: string }} who
 * @param {() => Promise<string>} [secondFactor]
 */
export async function signIn(page, who, secondFactor) {
  if (!page.url().includes('/sign-in')) await page.goto(`${base}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(who.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const mfa = page.getByRole('heading', { level: 1, name: 'Vérification en deux étapes' });
  await homeHeading(page).or(mfa).waitFor();
  if (await mfa.isVisible()) {
    if (!secondFactor) throw new Error(`${who.email} was asked for a second factor`);
    await page.getByLabel('Code à 6 chiffres').fill(await secondFactor());
    await page.getByRole('button', { name: 'Vérifier' }).click();
  }
  await homeHeading(page).waitFor();
}

/**
 * The demo admin signs in: with the trusted-device cookie of the first scenario, or a
 * fresh TOTP code when there is none.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').BrowserContext} context
 */
export async function signInAsAdmin(page, context) {
  if (adminState.trustedDevice) await context.addCookies([adminState.trustedDevice]);
  const { totpSecret } = adminState;
  await signIn(page, admin, totpSecret ? () => freshTotp(totpSecret) : undefined);
}

/** @param {import('playwright-core').Page} page */
export const navigation = (page) => page.getByRole('navigation', { name: 'Navigation principale' });

/** Opens the user menu (top right) and picks `item`. */
/** @param {import('playwright-core').Page} page @param {string} item */
export async function userMenu(page, item) {
  await page.getByRole('button', { name: /^Menu de / }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/**
 * Invites someone from the users screen (reached through the menu).
 * @param {import('playwright-core').Page} page
 * @param {{ email: string, name: string, role?: string }} who
 */
export async function inviteUser(page, who) {
  await navigation(page).getByRole('link', { name: 'Utilisateurs' }).click();
  await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
  await page.getByRole('button', { name: 'Inviter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Inviter un utilisateur' });
  await dialog.getByLabel('Adresse e-mail').fill(who.email);
  await dialog.getByLabel('Nom complet').fill(who.name);
  if (who.role) await dialog.getByRole('checkbox', { name: who.role, exact: true }).check();
  await dialog.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await page.getByText(`Invitation envoyée à ${who.email}.`).waitFor();
  await dialog.waitFor({ state: 'hidden' });
}
