// Screenshots of the Sites admin page, its dialogs, and the site picker in a package's
// record screens, French and English, at 1280 px (a few at 768 px), saved as
// <out-dir>/sites-<name>.<language>.png.
// Usage: npm run build && node scripts/sites-screenshots.mjs <out-dir>
// No backend: the built SPA is served by `vite preview`, and the page's API calls are
// answered by the small in-memory API below (Playwright's `route`), which keeps the
// server's rules the screens show (409 `site_name_taken`, `q`/`kind`/cursor on the list).
// Its pages hold 6 sites, whatever `limit` says, so the list shows its "Show more".
import { readFileSync } from 'node:fs';

import {
  COMPANY,
  ME,
  menuEntry,
  day,
  problem,
  shooter,
  signedIn,
  startMockedPreview,
  toastsGone,
} from './mocked-preview.mjs';

const [outDir] = process.argv.slice(2);
if (!outDir) throw new Error('usage: node scripts/sites-screenshots.mjs <out-dir>');
const PAGE_SIZE = 6;
const MANIFEST = JSON.parse(
  readFileSync(
    new URL('../../backend/tests/fixtures/modules/lifting/module.json', import.meta.url),
    'utf8',
  ),
);

/** The sample company's sites, newest first as the API lists them. */
function sampleSites() {
  const rows = [
    ['Plateforme Alpha', 'platform', 'Bloc 17, 80 km au large de Port-Gentil', [-1.2345, 8.6789]],
    ['Plateforme Bravo', 'platform', 'Bloc 17, 92 km au large de Port-Gentil', [-1.3012, 8.712]],
    ['FPSO Lumière', 'vessel', 'Champ Mwafi, 120 km au large de Pointe-Noire', [-5.8123, 11.2345]],
    ['Ocean Pride', 'vessel', null, null, false],
    ['Base logistique de Port-Gentil', 'base', 'Port-Gentil, Gabon', [-0.7193, 8.7815]],
    ['Base d’Aberdeen', 'base', 'Aberdeen, Écosse', [57.1497, -2.0943]],
    ['Terminal du Cap Lopez', 'onshore', 'Cap Lopez, Gabon', [-0.6333, 8.7]],
    ['Siège', 'onshore', 'La Défense, Paris', null],
  ];
  return rows.map(([name, kind, location, coordinates, active = true], index) => ({
    id: `0193a7c2-0000-7000-8000-0000000005${String(index).padStart(2, '0')}`,
    company_id: COMPANY,
    name,
    kind,
    location,
    coordinates: coordinates ? { latitude: coordinates[0], longitude: coordinates[1] } : null,
    is_active: active,
    created_at: day(10 - index),
    updated_at: day(10 - index),
  }));
}

/** The lifting package's inspection as `GET /api/v1/m/lifting` gives it. */
function definitions() {
  const [type] = MANIFEST.record_types;
  const fields = type.fields.map((field) => ({
    required: false,
    unique: false,
    ...field,
  }));
  return {
    module: 'lifting',
    name: MANIFEST.name,
    version: MANIFEST.version,
    record_types: [{ ...type, fields }],
  };
}

function sampleRecords(sites) {
  const samples = [
    ['Grue à tour TC-3', 'crane', '2026-12-15', sites[0].id],
    ['Palan électrique H-12', 'hoist', '2026-12-20', sites[4].id],
    ['Chariot élévateur F-2', 'forklift', '2027-01-31', null],
  ];
  return samples.map(([equipment, kind, due, site], index) => ({
    id: `0193a7c2-0000-7000-8000-0000000007${String(index).padStart(2, '0')}`,
    module: 'lifting',
    record_type: 'inspection',
    number: `LIFT-2026-0000${index + 1}`,
    state: 'planned',
    title: equipment,
    data: { equipment, equipment_type: kind, due_date: due, ...(site ? { site } : {}) },
    revision: 1,
    created_at: day(index),
    updated_at: day(index),
    created_by: ME,
    updated_by: ME,
    transitions: [],
  }));
}

/** The API of one browser context: its own sites, so each language starts the same. */
function mockApi(language, { empty = false } = {}) {
  let sites = empty ? [] : sampleSites();
  const records = sampleRecords(sampleSites());
  const me = signedIn(language);
  const grants = Object.fromEntries(
    [
      'sites.view.site',
      'sites.manage.site',
      'users.view.user',
      'sequences.manage.sequence',
      'lifting.view.inspection',
      'lifting.create.inspection',
      'lifting.edit.inspection',
    ].map((code) => [code, 'company']),
  );
  const menu = [
    menuEntry('home', 'home', '/'),
    menuEntry('lifting.inspections', 'clipboard-check', '/m/lifting/inspection'),
    menuEntry('admin', 'settings', null, [
      menuEntry('admin.users', 'users', '/admin/users'),
      menuEntry('admin.roles', 'shield', '/admin/roles'),
      menuEntry('admin.sites', 'map-pin', '/admin/sites'),
      menuEntry('admin.sequences', 'list-ordered', '/admin/sequences'),
      menuEntry('admin.modules', 'blocks', '/admin/modules'),
    ]),
  ];
  const catalogue = {
    locale: language,
    version: '1',
    messages: { 'menu.lifting.inspections': MANIFEST.menu_items[0].label[language] },
  };

  /** @returns {{ status: number, body?: unknown }} */
  return function answer(method, url, body) {
    const path = url.pathname;
    const query = url.searchParams;
    const one = path.match(/^\/api\/v1\/sites\/([^/]+)$/);
    if (path === '/api/v1/auth/refresh')
      return { status: 200, body: { access_token: 'mock', expires_in: 900 } };
    if (path === '/api/v1/auth/me') return { status: 200, body: me };
    if (path === '/api/v1/me/permissions') return { status: 200, body: grants };
    if (path === '/api/v1/menu') return { status: 200, body: menu };
    if (path.startsWith('/api/v1/i18n/')) return { status: 200, body: catalogue };
    if (path === '/api/v1/notifications/unread-count') return { status: 200, body: { unread: 2 } };
    if (path === '/api/v1/sites' && method === 'GET') {
      const q = (query.get('q') ?? '').toLowerCase();
      const found = sites.filter(
        (site) =>
          site.name.toLowerCase().includes(q) &&
          (!query.get('kind') || site.kind === query.get('kind')) &&
          (!query.has('is_active') || String(site.is_active) === query.get('is_active')),
      );
      const start = Number(query.get('cursor') ?? 0);
      const size = Math.min(Number(query.get('limit') ?? 50), PAGE_SIZE);
      const next = start + size < found.length ? String(start + size) : null;
      return { status: 200, body: { items: found.slice(start, start + size), next_cursor: next } };
    }
    if (path === '/api/v1/sites' && method === 'POST') {
      if (sites.some((site) => site.name === body.name.trim())) {
        return problem(409, 'site_name_taken', 'Another site of this company has this name.');
      }
      const site = {
        ...body,
        id: crypto.randomUUID(),
        company_id: COMPANY,
        created_at: day(20),
        updated_at: day(20),
      };
      sites = [site, ...sites];
      return { status: 201, body: site };
    }
    if (one && method === 'GET') {
      const site = sites.find((candidate) => candidate.id === one[1]);
      return site ? { status: 200, body: site } : problem(404, 'not_found', 'No such site.');
    }
    if (one && method === 'PATCH') {
      sites = sites.map((site) => (site.id === one[1] ? { ...site, ...body } : site));
      return { status: 200, body: sites.find((site) => site.id === one[1]) };
    }
    if (one && method === 'DELETE') {
      sites = sites.filter((site) => site.id !== one[1]);
      return { status: 204 };
    }
    if (path === '/api/v1/m/lifting') return { status: 200, body: definitions() };
    if (path === '/api/v1/m/lifting/inspection') {
      return { status: 200, body: { items: records, next_cursor: null } };
    }
    const record = path.match(/^\/api\/v1\/m\/lifting\/inspection\/([^/]+)$/);
    if (record) return { status: 200, body: records.find((item) => item.id === record[1]) };
    if (path === '/api/v1/audit') return { status: 200, body: { items: [], next_cursor: null } };
    if (path === '/api/v1/attachments') return { status: 200, body: [] };
    if (path === '/api/v1/files/purposes') {
      const purpose = (code, fr, en) => ({
        code,
        label_fr: fr,
        label_en: en,
        max_bytes: 10_000_000,
        types: ['application/pdf', 'image/jpeg'],
      });
      return {
        status: 200,
        body: {
          purposes: [
            purpose('photo', 'Photo', 'Photo'),
            purpose('document', 'Document', 'Document'),
          ],
          records: [],
        },
      };
    }
    if (path === '/api/v1/users/' + ME) return { status: 200, body: me.user };
    console.warn(`no mock for ${method} ${path}`);
    return problem(404, 'not_found', `No mock for ${method} ${path}`);
  };
}

const { base, openPage, close } = await startMockedPreview();

for (const language of ['fr', 'en']) {
  // No site yet: what sites are for.
  {
    const { context, page } = await openPage(language, mockApi(language, { empty: true }));
    const { shoot } = shooter(page, language, outDir, 'sites');
    await page.goto(`${base}/admin/sites`);
    await page.getByText(/Aucun site pour l’instant|No sites yet/).waitFor();
    await shoot('empty');
    await context.close();
  }

  const { context, page } = await openPage(language, mockApi(language));
  const { shoot, shootDialog } = shooter(page, language, outDir, 'sites');

  // The list's first page.
  await page.goto(`${base}/admin/sites`);
  await page.getByRole('row').filter({ hasText: 'Plateforme Alpha' }).waitFor();
  await page.getByRole('button', { name: /Afficher la suite|Show more/ }).waitFor();
  await shoot('list', [1280, 768]);

  // A new site: the form's own checks, then the server's 409 under the name.
  await page.getByRole('button', { name: /Ajouter un site|Add site/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^(Nom|Name)$/).fill('Plateforme Alpha');
  await dialog.getByLabel('Latitude').fill('-95');
  await dialog.getByRole('button', { name: /^(Enregistrer|Save)$/ }).click();
  await dialog.getByText(/Entre -90 et 90|Between -90 and 90/).waitFor();
  await shootDialog('dialog-check');
  await dialog.getByLabel('Latitude').fill('-1,2345');
  await dialog.getByLabel('Longitude').fill('8,6789');
  await dialog.getByRole('button', { name: /^(Enregistrer|Save)$/ }).click();
  await dialog.getByText(/porte déjà ce nom|already has this name/).waitFor();
  await shootDialog('dialog-taken');
  await page.keyboard.press('Escape');

  // Deleting a site.
  await page.getByRole('button', { name: /^(Supprimer|Delete) Plateforme Bravo$/ }).click();
  await page.getByRole('alertdialog').waitFor();
  await shootDialog('delete');
  await page.keyboard.press('Escape');
  await toastsGone(page);

  // A package's record form: the site picked by name, among the active sites.
  await page.goto(`${base}/m/lifting/inspection`);
  await page.getByRole('row').filter({ hasText: 'TC-3' }).waitFor();
  await page
    .getByRole('button', { name: /^(Nouvelle fiche|New record)/ })
    .first()
    .click();
  const form = page.getByRole('dialog');
  await form.getByRole('combobox', { name: /^Site/ }).fill('base');
  await form.getByRole('option', { name: /^Plateforme Alpha/ }).waitFor({ state: 'detached' });
  await form.getByRole('option', { name: /^Base logistique/ }).waitFor();
  await form.getByRole('combobox', { name: /^Site/ }).press('ArrowDown');
  await shootDialog('record-picker', 1280, 1000);
  await form.getByRole('combobox', { name: /^Site/ }).press('Enter');
  await form.getByRole('button', { name: /^(Retirer|Remove) Base d’Aberdeen$/ }).waitFor();
  await shootDialog('record-picked', 1280, 1000);
  await page.keyboard.press('Escape');

  // A record names its site.
  await page.getByRole('link', { name: /TC-3/ }).click();
  await page.getByRole('main').getByText('Plateforme Alpha').waitFor();
  await shoot('record-detail');
  await context.close();
}
await close();
