// Screenshots of the HSE indicators: the dashboard (with and without hours worked) and
// the hours worked page (with a refused CSV import), French and English, at 1280 and
// 390 px, saved as <out-dir>/hse-<name>[-390].<language>.png.
// Usage: npm run build && node scripts/hse-kpi-screenshots.mjs <out-dir>
// No backend: the built SPA is served by `vite preview`, and the page's API calls are
// answered by the in-memory API below (Playwright's `route`).

import {
  checkNoSideScroll,
  COMPANY,
  day,
  menuEntry,
  problem,
  shooter,
  signedIn,
  startMockedPreview,
} from './mocked-preview.mjs';

const [outDir] = process.argv.slice(2);
if (!outDir) throw new Error('usage: node scripts/hse-kpi-screenshots.mjs <out-dir>');

const site = (n, name, kind) => ({
  id: `0193a7c2-0000-7000-8000-00000000050${n}`,
  company_id: COMPANY,
  name,
  kind,
  location: null,
  coordinates: null,
  is_active: true,
  created_at: day(0),
  updated_at: day(0),
});
const SITES = [
  site(0, 'Plateforme Alpha', 'platform'),
  site(1, 'Base logistique de Port-Gentil', 'base'),
  site(2, 'Navire ravitailleur Ocean Pride', 'vessel'),
];
const PERIOD = '?from=2025-12&to=2026-11';
const MONTHS = Array.from({ length: 12 }, (_, index) =>
  new Date(Date.UTC(2025, 11 + index, 1)).toISOString().slice(0, 7),
);

const rates = (hours, recordable, dart, lti, days) => {
  const per = (cases, base) => (hours > 0 ? (cases * base) / hours : null);
  return {
    hours,
    recordable_cases: recordable,
    dart_cases: dart,
    lost_time_injuries: lti,
    days_lost: days,
    trir: per(recordable, 200_000),
    dart: per(dart, 200_000),
    severity_rate: per(days, 200_000),
    ltif: per(lti, 1_000_000),
    trifr: per(recordable, 1_000_000),
  };
};

function kpis({ hours = true } = {}) {
  const pattern = [
    [1, 1, 0, 0],
    [2, 0, 1, 0],
    [0, 2, 0, 0],
    [1, 1, 1, 0],
    [3, 1, 0, 1],
    [1, 0, 0, 0],
    [2, 2, 1, 0],
    [0, 1, 0, 0],
    [1, 0, 2, 0],
    [2, 1, 0, 0],
    [1, 1, 1, 1],
    [0, 2, 1, 0],
  ];
  const by_month = MONTHS.map((month, index) => {
    const [low, medium, high, critical] = pattern[index];
    return {
      month,
      total: low + medium + high + critical,
      by_severity: { low, medium, high, critical },
    };
  });
  const incidents = by_month.reduce((sum, month) => sum + month.total, 0);
  const employees = hours ? 412_500 : 0;
  const contractors = hours ? 268_750 : 0;
  return {
    from: MONTHS[0],
    to: MONTHS[11],
    site_id: null,
    incidents,
    by_severity: { low: 15, medium: 12, high: 7, critical: 2 },
    by_type: {
      injury: 9,
      near_miss: 14,
      environment: 4,
      property_damage: 5,
      security: 2,
      process_safety: 2,
    },
    by_status: {
      submitted: 6,
      under_investigation: 5,
      pending_approval: 3,
      approved: 4,
      rejected: 1,
      closed: 17,
    },
    by_month,
    by_site: [
      { site_id: SITES[0].id, name: SITES[0].name, total: 19 },
      { site_id: SITES[2].id, name: SITES[2].name, total: 9 },
      { site_id: SITES[1].id, name: SITES[1].name, total: 6 },
      { site_id: null, name: null, total: 2 },
    ],
    actions: { open: 14, overdue: 3 },
    rates: {
      all: rates(employees + contractors, 5, 3, 2, 27),
      employees: rates(employees, 2, 1, 1, 9),
      contractors: rates(contractors, 3, 2, 1, 18),
    },
  };
}

const HOURS = MONTHS.slice(6).flatMap((month, index) =>
  SITES.slice(0, 2).map((found, n) => ({
    id: `0193a7c2-0000-7000-8000-0000000006${index}${n}`,
    site_id: found.id,
    month,
    employee_hours: n === 0 ? 42_150.5 + index * 310 : 12_480 + index * 95,
    contractor_hours: n === 0 ? 26_300 + index * 120 : 4_210.5,
    updated_at: day(index),
  })),
);

function mockApi(language, { hours = true } = {}) {
  const me = signedIn(language);
  const grants = {
    'hse.view.incident': 'company',
    'hse.view.action': 'company',
    'hse.view.kpi': 'company',
    'hse.manage.hours': 'company',
    'sites.view.site': 'company',
  };
  const menu = [
    menuEntry('home', 'home', '/'),
    menuEntry('hse', 'shield-alert', null, [
      menuEntry('hse.dashboard', 'layout-dashboard', '/hse/dashboard'),
      menuEntry('hse.incidents', 'triangle-alert', '/hse/incidents'),
      menuEntry('hse.actions', 'clipboard-check', '/hse/actions'),
      menuEntry('hse.hours', 'clock', '/hse/hours'),
    ]),
  ];
  return function answer(method, url) {
    const path = url.pathname;
    const oneSite = path.match(/^\/api\/v1\/sites\/([^/]+)$/);
    if (path === '/api/v1/auth/refresh')
      return { status: 200, body: { access_token: 'mock', expires_in: 900 } };
    if (path === '/api/v1/auth/me') return { status: 200, body: me };
    if (path === '/api/v1/me/permissions') return { status: 200, body: grants };
    if (path === '/api/v1/menu') return { status: 200, body: menu };
    if (path.startsWith('/api/v1/i18n/'))
      return { status: 200, body: { locale: language, version: '1', messages: {} } };
    if (path === '/api/v1/notifications/unread-count') return { status: 200, body: { unread: 0 } };
    if (path === '/api/v1/hse/kpis') return { status: 200, body: kpis({ hours }) };
    if (path === '/api/v1/hse/hours' && method === 'GET')
      return { status: 200, body: hours ? HOURS : [] };
    if (path === '/api/v1/hse/hours/import')
      return problem(422, 'validation_failed', 'The request body has invalid fields.', [
        {
          field: 'lines[3].site',
          code: 'unknown_link',
          message: 'no site named “Plateforme Beta”',
        },
        { field: 'lines[4].month', code: 'invalid_month', message: 'a month is written YYYY-MM' },
        {
          field: 'lines[4].employee_hours',
          code: 'invalid_hours',
          message: 'a number of hours from 0 to 7440000',
        },
        {
          field: 'lines[6].month',
          code: 'duplicate',
          message: 'line 2 gives this site’s month already',
        },
      ]);
    if (path === '/api/v1/sites') return { status: 200, body: { items: SITES, next_cursor: null } };
    if (oneSite) {
      const found = SITES.find((candidate) => candidate.id === oneSite[1]);
      return found ? { status: 200, body: found } : problem(404, 'not_found', 'No such site.');
    }
    console.warn(`no mock for ${method} ${path}`);
    return problem(404, 'not_found', `No mock for ${method} ${path}`);
  };
}

const CSV = [
  'site;month;employee_hours;contractor_hours',
  'Plateforme Alpha;2026-11;42150,5;26300',
  'Plateforme Beta;2026-11;12480;4210,5',
  'Base logistique de Port-Gentil;2026-13;-4;0',
  'Plateforme Alpha;2026-10;41980;25870',
  'Plateforme Alpha;2026-11;100;100',
  'Base logistique de Port-Gentil;2026-10;12385;4210,5',
].join('\n');

const { base, openPage, close } = await startMockedPreview();
for (const language of ['fr', 'en']) {
  const { context, page } = await openPage(language, mockApi(language));
  const { shoot } = shooter(page, language, outDir, 'hse');
  await page.goto(`${base}/hse/dashboard${PERIOD}`);
  await page.locator('.recharts-bar-rectangle').first().waitFor();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // The charts measure their new width a moment after the resize.
    await page.waitForTimeout(500);
    await checkNoSideScroll(page, `dashboard at ${width}`);
  }
  // The shell's main column scrolls, not the page: each width gets a height that holds it all.
  await shoot('dashboard', [1280], 1500);
  await shoot('dashboard', [390], 3000);

  await page.goto(`${base}/hse/hours${PERIOD}`);
  await page
    .getByRole('cell', { name: /Plateforme Alpha/ })
    .last()
    .waitFor();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // The charts measure their new width a moment after the resize.
    await page.waitForTimeout(500);
    await checkNoSideScroll(page, `hours at ${width}`);
  }
  await shoot('hours', [1280], 1300);
  await shoot('hours', [390], 2300);
  await page.locator('input[type=file]').setInputFiles({
    name: 'heures-novembre.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
  await page.getByRole('button', { name: /^(Importer|Import)$/ }).click();
  await page.getByText(/Fichier refusé|File refused/).waitFor();
  await shoot('hours-import-errors', [1280], 1300);
  await context.close();

  const bare = await openPage(language, mockApi(language, { hours: false }));
  const shots = shooter(bare.page, language, outDir, 'hse');
  await bare.page.goto(`${base}/hse/dashboard${PERIOD}`);
  await bare.page.getByText(/Aucune heure travaillée|No hours recorded/).waitFor();
  await shots.shoot('dashboard-no-hours', [1280], 1500);
  await bare.context.close();
}
await close();
