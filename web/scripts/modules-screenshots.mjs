// Screenshots of the module manager and a package's generic record screens, French and
// English, at 1280 px (a few at 768 px), saved as <out-dir>/modules-<name>.<language>.png.
// Usage: node scripts/modules-screenshots.mjs <base-url> <email> <password> <out-dir>
// (the SPA and its API at <base-url>, e.g. the backend serving web/dist; the account a
// superuser without a second factor, such as `opsflux seed-demo`'s admin). Through the
// API it installs the example package (backend/tests/fixtures/modules/lifting) when
// missing, turns it on and adds sample inspections, and installs then uninstalls a copy
// of it once, for an export to list; through the page it uploads a broken package, for
// the validation report, tries version 1.1.0 as a dry run (nothing is applied, so the
// script can run again) and asks to uninstall the package, which is refused while on.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const FIXTURE = new URL('../../backend/tests/fixtures/modules/lifting/', import.meta.url).pathname;
const python = process.env.OPSFLUX_TEST_PYTHON ?? 'python3';

/** `dir`'s files zipped with Python's zipfile (as scripts/bench.sh does). */
function zip(dir, name) {
  const out = join(mkdtempSync(join(tmpdir(), 'opsflux-shots-')), name);
  execFileSync(python, ['-m', 'zipfile', '-c', out, ...readdirSync(dir)], { cwd: dir });
  return readFileSync(out);
}

/** The example package with mistakes in its manifest: the report has rows to show. */
function brokenPackage() {
  const manifest = JSON.parse(readFileSync(join(FIXTURE, 'module.json'), 'utf8'));
  manifest.code = 'lifting_v2';
  manifest.version = '2.0';
  manifest.menu_items = [];
  manifest.hooks = [];
  manifest.templates = [];
  manifest.permissions = [];
  manifest.role_grants = [];
  const [type] = manifest.record_types;
  type.fields[2].type = 'colour';
  type.fields[0].min_length = -1;
  type.title_field = 'name';
  const dir = mkdtempSync(join(tmpdir(), 'opsflux-broken-'));
  writeFileSync(join(dir, 'module.json'), JSON.stringify(manifest, null, 2));
  return zip(dir, 'lifting-v2.zip');
}

/** The example package at 1.1.0, with stricter rules that two sample inspections break. */
function upgradePackage() {
  const dir = mkdtempSync(join(tmpdir(), 'opsflux-upgrade-'));
  execFileSync('cp', ['-R', `${FIXTURE}.`, dir]);
  const manifest = JSON.parse(readFileSync(join(dir, 'module.json'), 'utf8'));
  manifest.version = '1.1.0';
  const fields = manifest.record_types[0].fields;
  fields.find((field) => field.code === 'equipment').max_length = 21;
  fields.find((field) => field.code === 'safe_working_load_kg').max = 8000;
  writeFileSync(join(dir, 'module.json'), JSON.stringify(manifest, null, 2));
  return zip(dir, 'lifting-1.1.0.zip');
}

/** The example package under another code, without hooks or templates: installed, then uninstalled. */
function retiredPackage() {
  const text = readFileSync(join(FIXTURE, 'module.json'), 'utf8').replaceAll('lifting', 'cranes');
  const manifest = JSON.parse(text);
  manifest.name = { fr: 'Grues (ancien module)', en: 'Cranes (former module)' };
  manifest.hooks = [];
  manifest.templates = [];
  const dir = mkdtempSync(join(tmpdir(), 'opsflux-retired-'));
  writeFileSync(join(dir, 'module.json'), JSON.stringify(manifest, null, 2));
  return zip(dir, 'cranes.zip');
}

/** @param {string} path @param {RequestInit & { token?: string }} init */
async function api(path, { token, ...init } = {}) {
  const response = await fetch(base + path, {
    ...init,
    headers: {
      ...(init.body instanceof FormData ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

const login = async () =>
  (await api('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) }))
    .access_token;

/** The package installed and on, with a few inspections in each state. */
async function prepare() {
  const token = await login();
  const modules = await api('/api/v1/modules', { token });
  if (!modules.some((module) => module.code === 'lifting')) {
    const form = new FormData();
    form.append('file', new Blob([zip(FIXTURE, 'lifting.zip')]), 'lifting.zip');
    await api('/api/v1/modules/packages', { method: 'POST', token, body: form });
  }
  await api('/api/v1/modules/lifting/enable', { method: 'POST', token });
  // One export for the exports list: a package installed and uninstalled at once.
  if ((await api('/api/v1/modules/exports', { token })).length === 0) {
    const form = new FormData();
    form.append('file', new Blob([retiredPackage()]), 'cranes.zip');
    await api('/api/v1/modules/packages', { method: 'POST', token, body: form });
    await api('/api/v1/modules/packages/cranes', { method: 'DELETE', token });
  }
  const existing = await api('/api/v1/m/lifting/inspection?limit=1', { token });
  if (existing.items.length > 0) return;
  const samples = [
    ['Grue à tour TC-3', 'crane', '2026-12-15', 'TC3-2019-0042', 8000],
    ['Palan électrique H-12', 'hoist', '2026-12-20', 'H12-5521', 2000],
    ['Élingue chaîne 4 brins', 'sling', '2027-01-08', null, 6300],
    ['Chariot élévateur F-2', 'forklift', '2027-01-31', 'F2-88-1204', 2500],
    ['Manille lyre 8,5 t', 'shackle', '2026-12-02', null, 8500],
  ];
  for (const [equipment, kind, due, serial, load] of samples) {
    const data = {
      equipment,
      equipment_type: kind,
      due_date: due,
      safe_working_load_kg: load,
      cost: 185.5,
      ...(serial ? { serial_number: serial } : {}),
    };
    await api('/api/v1/m/lifting/inspection', {
      method: 'POST',
      token,
      body: JSON.stringify({ data }),
    });
  }
}

/** A one-page PDF: the certificate a verification needs. */
const CERTIFICATE =
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

/** Uploads the certificate and attaches it to inspection `id`. */
async function attachCertificate(token, id) {
  const form = new FormData();
  form.append(
    'file',
    new Blob([CERTIFICATE], { type: 'application/pdf' }),
    'certificat-levage.pdf',
  );
  const file = await api('/api/v1/files?purpose=document', { method: 'POST', token, body: form });
  await api('/api/v1/attachments', {
    method: 'POST',
    token,
    body: JSON.stringify({ file_id: file.id, model: 'lifting.inspection', record_id: id }),
  });
}

/** PATCH with If-Match and a transition, by hand (the helper above cannot send headers). */
async function complete(token, id, revision, data, transitions, certified) {
  let response = await fetch(`${base}/api/v1/m/lifting/inspection/${id}`, {
    method: 'PATCH',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
      'If-Match': `"${revision}"`,
    },
    body: JSON.stringify({ data }),
  });
  if (!response.ok) throw new Error(`PATCH ${id}: ${response.status} ${await response.text()}`);
  if (certified) await attachCertificate(token, id);
  for (const transition of transitions) {
    response = await fetch(`${base}/api/v1/m/lifting/inspection/${id}/transitions/${transition}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`${transition}: ${response.status} ${await response.text()}`);
  }
}

/** Inspections with a result are done (and a passed one verified). */
async function moveSamples() {
  const token = await login();
  const me = await api('/api/v1/auth/me', { token });
  const { items } = await api('/api/v1/m/lifting/inspection?limit=50', { token });
  const results = {
    // Result, moves, and whether its certificate is attached (verifying needs it).
    'Palan électrique H-12': ['pass', ['complete', 'verify'], true],
    'Élingue chaîne 4 brins': ['fail', ['complete'], true],
    'Manille lyre 8,5 t': ['pass_with_remarks', ['complete'], false],
  };
  for (const record of items) {
    const plan = results[record.data.equipment];
    if (!plan || record.state !== 'planned') continue;
    const [result, transitions, certified] = plan;
    await complete(
      token,
      record.id,
      record.revision,
      {
        result,
        inspector: me.user.id,
        inspected_at: '2026-12-01T09:30:00Z',
        ...(result === 'fail'
          ? { remarks: 'Maillon déformé : élingue retirée du service.', out_of_service: true }
          : {}),
      },
      transitions,
      certified,
    );
  }
}

mkdirSync(outDir, { recursive: true });
await prepare();
await moveSamples();
const broken = brokenPackage();
const upgrade = upgradePackage();

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
for (const language of ['fr', 'en']) {
  const token = await login();
  await api('/api/v1/me', { method: 'PATCH', token, body: JSON.stringify({ locale: language }) });

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
  const shoot = async (name, widths = [1280], height = 900) => {
    await page.mouse.move(0, 0);
    for (const width of widths) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(400);
      const suffix = width === 1280 ? '' : `-${width}`;
      await page.screenshot({
        path: join(outDir, `modules-${name}${suffix}.${language}.png`),
        fullPage: true,
      });
      console.log('shot', name + suffix, language);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  /** The viewport only: a dialog stays where the user sees it. @param {string} name */
  const shootDialog = async (name, height = 900) => {
    await page.setViewportSize({ width: 1280, height });
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(outDir, `modules-${name}.${language}.png`) });
    console.log('shot', name, language);
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  const toastsGone = () =>
    page
      .locator('[data-sonner-toast]')
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => {});

  // The modules page: the package on, then a broken one refused with its report.
  await page.goto(`${base}/admin/modules`);
  await page.getByRole('region', { name: /levage|Lifting/ }).waitFor();
  await page.locator('input[type=file]').setInputFiles({
    name: 'lifting-v2.zip',
    mimeType: 'application/zip',
    buffer: broken,
  });
  await page.getByRole('alert', { name: /Rapport de validation|Validation report/ }).waitFor();
  await shoot('page', [1280, 768], 1900);

  // The upgrade to 1.1.0 as a dry run: what would happen to the records.
  const card = page.getByRole('region', { name: /levage|Lifting/ });
  await card.getByRole('button', { name: /^(Mettre à jour|Upgrade) / }).click();
  const upgrading = page.getByRole('dialog', { name: /^(Mettre à jour|Upgrade) / });
  await upgrading.locator('input[type=file]').setInputFiles({
    name: 'lifting-1.1.0.zip',
    mimeType: 'application/zip',
    buffer: upgrade,
  });
  await upgrading.getByRole('region', { name: /Rapport de mise à jour|Upgrade report/ }).waitFor();
  await shootDialog('upgrade-dry-run', 1000);
  await page.keyboard.press('Escape');
  await upgrading.waitFor({ state: 'detached' });

  // Uninstalling: what it does, then the refusal while the package is on.
  await card.getByRole('button', { name: /^(Désinstaller|Uninstall) / }).click();
  const uninstalling = page.getByRole('alertdialog');
  await uninstalling.waitFor();
  await shootDialog('uninstall');
  await uninstalling.getByRole('button', { name: /^(Désinstaller|Uninstall)$/ }).click();
  await uninstalling.getByRole('alert').waitFor();
  await shootDialog('uninstall-refused');
  await page.keyboard.press('Escape');

  // The list, whole then filtered.
  await page.goto(`${base}/m/lifting/inspection`);
  await page.getByRole('row').filter({ hasText: 'TC-3' }).waitFor();
  await page.waitForLoadState('networkidle');
  await shoot('records', [1280, 768]);
  await page.getByLabel(/^(Résultat|Result)$/).selectOption('pass');
  await page.getByLabel(/^(Échéance : du|Due date: from)$/).fill('2026-12-10');
  await page.getByRole('row').filter({ hasText: 'H-12' }).waitFor();
  await page.getByRole('row').filter({ hasText: 'Manille' }).waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1 }).click();
  await shoot('records-filtered');

  // The form: the schema's errors before sending.
  await page
    .getByRole('button', { name: /^(Nouvelle fiche|New record)/ })
    .first()
    .click();
  const form = page.getByRole('dialog');
  await form.getByLabel(/^(Équipement|Equipment)( \*)?$/).fill('ab');
  await form.getByLabel(/^(Numéro de série|Serial number)$/).fill('tc3 2019');
  await form.getByLabel(/^(Coût|Cost)$/).fill('12,345');
  await form.getByLabel(/^(Charge maximale|Safe working load)/).fill('-5');
  await form.getByRole('button', { name: /^(Enregistrer|Save)$/ }).click();
  await form.getByText(/Au moins 3 caractères|At least 3 characters/).waitFor();
  await shoot('record-form-errors', [1280], 1300);
  await page.keyboard.press('Escape');

  // A planned record: its transition asks for the fields the next state needs.
  await page.goto(`${base}/m/lifting/inspection`);
  await page.getByRole('link', { name: /TC-3/ }).click();
  await page.getByRole('button', { name: /^(Terminer|Complete)$/ }).click();
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: /^(Terminer|Complete)$/ })
    .click();
  await page
    .getByText(/Obligatoire pour passer|Required to move/)
    .first()
    .waitFor();
  await toastsGone();
  await shoot('record-complete', [1280], 1300);
  await page.keyboard.press('Escape');

  // A done record: its transitions, its values, its history.
  await page.goto(`${base}/m/lifting/inspection`);
  await page.getByRole('link', { name: /Élingue/ }).click();
  await page.getByRole('heading', { name: /Historique|History/ }).waitFor();
  await page.waitForLoadState('networkidle');
  await shoot('record-detail', [1280, 768], 1700);

  // A module that is off, or a type that does not exist.
  await page.goto(`${base}/m/lifting/nothing`);
  await page.getByRole('heading', { name: /Module non activé|Module not enabled/ }).waitFor();
  await shoot('off');
  await context.close();
}
await browser.close();
