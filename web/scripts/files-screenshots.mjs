// Screenshots of the documents panel (profile and user page), Numbering and Storage,
// French and English, at 1280 px and 768 px, saved as <out-dir>/<name>.<language>.png.
// Usage: node scripts/files-screenshots.mjs <base-url> <email> <password> <out-dir>
// (the SPA and its API at <base-url>, e.g. `vite preview` proxying to a running backend
// without a virus scanner, so uploads are `unscanned` and usable). It deletes the
// admin's own attachments first, then uploads a photo and a PDF through the page.
import { join } from 'node:path';

import { chromium } from 'playwright-core';

const [base, email, password, outDir] = process.argv.slice(2);
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

/** @param {string} path @param {RequestInit & { token?: string }} init */
async function api(path, { token, ...init } = {}) {
  const response = await fetch(base + path, {
    ...init,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** A badge-like photo drawn in the page, as PNG bytes. */
async function photo(page) {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d');
    const gradient = g.createLinearGradient(0, 0, 640, 480);
    gradient.addColorStop(0, '#0f4c81');
    gradient.addColorStop(1, '#2f9e8f');
    g.fillStyle = gradient;
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#ffffff';
    g.fillRect(60, 60, 520, 360);
    g.fillStyle = '#0f4c81';
    g.fillRect(60, 60, 520, 70);
    g.fillStyle = '#ffffff';
    g.font = 'bold 40px sans-serif';
    g.fillText('OPSFLUX · SITE PASS', 90, 110);
    g.fillStyle = '#cbd5e1';
    g.fillRect(90, 160, 160, 200);
    g.fillStyle = '#0f172a';
    g.font = '32px sans-serif';
    g.fillText('Demo Admin', 280, 200);
    g.font = '24px sans-serif';
    g.fillText('Offshore · Zone A', 280, 245);
    g.fillText('Valid until 12/2027', 280, 285);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
for (const language of ['fr', 'en']) {
  const { access_token: token } = await api('/api/v1/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
  await api('/api/v1/me', { method: 'PATCH', token, body: JSON.stringify({ locale: language }) });
  const me = await api('/api/v1/auth/me', { token });
  const mine = await api(`/api/v1/attachments?model=user&record_id=${me.user.id}`, { token });
  for (const attachment of mine) {
    await api(`/api/v1/attachments/${attachment.id}`, { method: 'DELETE', token });
  }

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

  /** @param {string} name @param {number[]} [widths] @param {number} [height] */
  const shoot = async (name, widths = [1280, 768], height = 900) => {
    // The shell scrolls inside its main area: a taller window shows a long page whole.
    for (const width of widths) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(400);
      const suffix = width === 1280 ? '' : `-${width}`;
      await page.screenshot({
        path: join(outDir, `${name}${suffix}.${language}.png`),
        fullPage: true,
      });
      console.log('shot', name + suffix, language);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };

  await page.goto(`${base}/profile?tab=documents`);
  await page.getByText(/Aucun document|No documents/).waitFor();
  await shoot('profile-documents-empty');

  // A photo and a PDF through the page, then a file the photo purpose refuses.
  const input = page.locator('input[type=file]');
  await page.getByLabel(/Type de fichier|Kind of file/).selectOption('photo');
  await input.setInputFiles({
    name: 'site-pass.png',
    mimeType: 'image/png',
    buffer: await photo(page),
  });
  await page.locator('img[alt*="site-pass.png"]').waitFor({ timeout: 20_000 });
  await page.getByLabel(/Type de fichier|Kind of file/).selectOption('document');
  await input.setInputFiles({ name: 'h2s-training.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('listitem').filter({ hasText: 'h2s-training.pdf' }).waitFor();
  await page
    .getByRole('button', { name: /Modifier la légende de site-pass|Edit the caption of site-pass/ })
    .click();
  await page.keyboard.type(
    language === 'fr' ? 'Badge d’accès plateforme' : 'Platform access badge',
  );
  await page.keyboard.press('Enter');
  await page.getByLabel(/Type de fichier|Kind of file/).selectOption('photo');
  await input.setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not a photo\n'),
  });
  await page.getByRole('alert').filter({ hasText: 'notes.txt' }).waitFor();
  await page.mouse.move(0, 0);
  // The toasts go.
  await page.locator('[data-sonner-toast]').first().waitFor({ state: 'detached', timeout: 15_000 });
  await shoot('profile-documents', [1280, 768], 1150);

  await page.goto(`${base}/admin/users/${me.user.id}`);
  await page.locator('img[alt*="site-pass.png"]').waitFor();
  await page.waitForLoadState('networkidle');
  await shoot('admin-user-documents', [1280], 1900);

  await page.goto(`${base}/admin/sequences`);
  await page.getByText(/Aucune numérotation|No numbering/).waitFor();
  await shoot('admin-sequences-empty');

  await page.goto(`${base}/admin/storage`);
  await page.locator('.recharts-bar-rectangle').first().waitFor();
  await page.waitForTimeout(800); // the bars' animation
  await shoot('admin-storage');
  await context.close();
}
await browser.close();
