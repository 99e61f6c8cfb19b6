// What the screenshot scripts without a backend share: the built SPA served by
// `vite preview`, headless Debian Chromium (ARCHITECTURE.md's flags), pages whose API
// calls an in-memory API answers (Playwright's `route`), and the shots themselves,
// saved as <out-dir>/<prefix>-<name>[-<width>].<language>.png.
import { join } from 'node:path';

import { chromium } from 'playwright-core';
import { preview } from 'vite';

import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../packages/shared/chromium.mjs';

/**
 * The preview server and the browser; `close` stops both. `uiLanguage` (`fr-FR`) is the
 * browser's own, which its native date and time inputs follow (a context's locale does
 * not reach them); on Linux, Chromium takes it from LANGUAGE, and needs Debian's
 * chromium-l10n for any but en-US (scripts/tools.sh chromium installs it).
 */
export async function startMockedPreview({ uiLanguage } = {}) {
  const server = await preview({ preview: { port: 4319, strictPort: false }, logLevel: 'error' });
  const base = server.resolvedUrls.local[0].replace(/\/$/, '');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: uiLanguage ? [...CHROMIUM_FLAGS, `--lang=${uiLanguage}`] : CHROMIUM_FLAGS,
    ...(uiLanguage ? { env: { ...process.env, LANGUAGE: uiLanguage.replace('-', '_') } } : {}),
  });

  /** A signed-in page in `language`, its API answered by `answer(method, url, body)`. */
  async function openPage(language, answer) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: language === 'fr' ? 'fr-FR' : 'en-GB',
      timezoneId: 'Europe/Paris',
    });
    await context.route('**/api/**', async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/v1/notifications/stream')) return route.abort();
      // A CSV import sends text, not JSON: the answer gets the text then.
      let sent;
      try {
        sent = request.postDataJSON();
      } catch {
        sent = request.postData();
      }
      const { status, body } = answer(request.method(), url, sent);
      await route.fulfill({
        status,
        contentType: status >= 400 ? 'application/problem+json' : 'application/json',
        body: body === undefined ? '' : JSON.stringify(body),
      });
    });
    await context.addInitScript((lang) => localStorage.setItem('opsflux.language', lang), language);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.warn('page error:', error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') console.warn('console:', message.text());
    });
    return { context, page };
  }

  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { base, openPage, close };
}

/** Shots of `page` in `language`, named `<prefix>-<name>`, saved in `outDir`. */
export function shooter(page, language, outDir, prefix) {
  /** The whole page at each width. @param {string} name @param {number[]} [widths] */
  const shoot = async (name, widths = [1280], height = 900) => {
    await page.mouse.move(0, 0);
    for (const width of widths) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(400);
      const suffix = width === 1280 ? '' : `-${width}`;
      await page.screenshot({
        path: join(outDir, `${prefix}-${name}${suffix}.${language}.png`),
        fullPage: true,
      });
      console.log('shot', name + suffix, language);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  /** The viewport only: a dialog stays where the user sees it. */
  const shootDialog = async (name, width = 1280, height = 900) => {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(400);
    const suffix = width === 1280 ? '' : `-${width}`;
    await page.screenshot({ path: join(outDir, `${prefix}-${name}${suffix}.${language}.png`) });
    console.log('shot', name + suffix, language);
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  return { shoot, shootDialog };
}

/** Warns when the page scrolls sideways, or a table inside it does. */
export async function checkNoSideScroll(page, name) {
  const wide = await page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll('main, table')]
      .map((element) => {
        const box = element.tagName === 'TABLE' ? element.parentElement : element;
        return box.scrollWidth > box.clientWidth + 1 ? element.tagName : null;
      })
      .filter(Boolean),
  );
  if (wide.length > 0) console.warn(`${name}: scrolls sideways (${wide.join(', ')})`);
}

/** Until the toasts shown are gone (or 15 s). */
export const toastsGone = (page) =>
  page
    .locator('[data-sonner-toast]')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => {});

/** The demo company and its signed-in user, Camille Martin, in the screenshots. */
/** A menu entry as `GET /api/v1/menu` answers it. */
export const menuEntry = (id, icon, route, children = []) => ({
  id,
  icon,
  label_key: `menu.${id}`,
  route,
  children,
});

export const COMPANY = '0193a7c2-0000-7000-8000-00000000c0de';
export const ME = '0193a7c2-0000-7000-8000-0000000000ee';
/** A time `n` days after 2 November 2026, 08:00 UTC. */
export const day = (n) => new Date(Date.UTC(2026, 10, 2 + n, 8)).toISOString();

/**
 * The answers every signed-in page needs (session refresh, the user, their grants, the
 * menu, the server's words, the bell's count), or undefined for another path.
 */
export function shellAnswer(path, { me, grants, menu, language, unread = 0 }) {
  if (path === '/api/v1/auth/refresh') {
    return { status: 200, body: { access_token: 'mock', expires_in: 900 } };
  }
  if (path === '/api/v1/auth/me') return { status: 200, body: me };
  if (path === '/api/v1/me/permissions') return { status: 200, body: grants };
  if (path === '/api/v1/menu') return { status: 200, body: menu };
  if (path.startsWith('/api/v1/i18n/')) {
    return { status: 200, body: { locale: language, version: '1', messages: {} } };
  }
  if (path === '/api/v1/notifications/unread-count') return { status: 200, body: { unread } };
  return undefined;
}

/** A problem+json answer as the API gives it. */
export const problem = (status, code, detail, errors) => ({
  status,
  body: { type: `urn:opsflux:problem:${code}`, title: 'Error', status, code, detail, errors },
});

/** `GET /api/v1/auth/me` for Camille in `language`. */
export function signedIn(language) {
  return {
    locale: language,
    company: {
      id: COMPANY,
      name: 'OpsFlux Démo',
      slug: 'demo',
      locale: 'fr',
      time_zone: 'Europe/Paris',
      is_active: true,
      created_at: day(0),
      updated_at: day(0),
    },
    user: {
      id: ME,
      company_id: COMPANY,
      email: 'admin@demo.opsflux.test',
      full_name: 'Camille Martin',
      locale: language,
      time_zone: 'Europe/Paris',
      is_active: true,
      is_superuser: false,
      status: 'active',
      mfa: { sms: false, totp: true },
      created_at: day(0),
    },
  };
}
