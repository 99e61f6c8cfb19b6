// Screenshots of the HSE screens (list, empty list, HSE off on the list and on an
// incident, report form with its checks and photos on their way, detail, a just-started
// investigation open as a form, detail under investigation with actions,
// the reject dialog, the edit form, My actions), French and English, at 1280 and 768 px,
// and the export dialog mid-progress (French, 1280 px), saved as
// <out-dir>/hse-<name>[-768].<language>.png.
// Usage: npm run build && node scripts/hse-screenshots.mjs <out-dir>
// No backend: the built SPA is served by `vite preview`, and the page's API calls are
// answered by the in-memory API below (Playwright's `route`). Photo uploads never
// finish, so the form shows their progress; nor does an export, so its dialog does too.

import {
  checkNoSideScroll,
  COMPANY,
  ME,
  menuEntry,
  day,
  problem,
  shooter,
  signedIn,
  startMockedPreview,
} from './mocked-preview.mjs';

const [outDir] = process.argv.slice(2);
if (!outDir) throw new Error('usage: node scripts/hse-screenshots.mjs <out-dir>');

const SITE = {
  id: '0193a7c2-0000-7000-8000-000000000500',
  company_id: COMPANY,
  name: 'Plateforme Alpha',
  kind: 'platform',
  location: 'Bloc 17, 80 km au large de Port-Gentil',
  coordinates: null,
  is_active: true,
  created_at: day(0),
  updated_at: day(0),
};

function sampleIncidents() {
  const rows = [
    ['Chute d’une manille depuis la flèche de la grue', 'critical', 'near_miss', 'submitted'],
    ['Coupure à la main lors du changement de filtre', 'medium', 'injury', 'under_investigation'],
    ['Fuite d’huile hydraulique sur le treuil n° 2', 'high', 'environment', 'pending_approval'],
    ['Porte du local électrique trouvée ouverte', 'low', 'security', 'closed'],
    ['Brouillon : glissade sur l’escalier du pont inférieur', 'low', 'injury', 'draft'],
  ];
  return rows.map(([title, severity, incident_type, status], index) => ({
    id: `0193a7c2-0000-7000-8000-0000000001${String(index).padStart(2, '0')}`,
    number: `INC-2026-000${42 - index}`,
    title,
    description:
      'Pendant le levage d’un conteneur, une manille s’est détachée et est tombée sur le pont tuyauterie, à deux mètres d’un opérateur.',
    severity,
    incident_type,
    status,
    occurred_at: day(-index),
    location: 'Pont tuyauterie, côté nord',
    coordinates: index === 0 ? { latitude: -1.2345, longitude: 8.6789 } : null,
    immediate_actions: index === 0 ? 'Zone balisée, levages suspendus.' : null,
    site_id: index % 2 === 0 ? SITE.id : null,
    assigned_to: index === 0 ? ME : null,
    reported_by: ME,
    revision: 1,
    created_at: day(-index),
    updated_at: day(-index),
  }));
}

const OWNER = '0193a7c2-0000-7000-8000-0000000000ff';
const INVESTIGATED = '0193a7c2-0000-7000-8000-000000000101';
const PENDING = '0193a7c2-0000-7000-8000-000000000102';
const dueIn = (days) => new Date(Date.UTC(2026, 10, 20 + days)).toISOString().slice(0, 10);

function sampleActions() {
  const rows = [
    [
      'Poser une retenue secondaire sur les projecteurs de la flèche',
      OWNER,
      'in_progress',
      -6,
      true,
    ],
    ['Contrôler toutes les manilles du parc de levage', ME, 'open', 10, false],
    ['Rappeler la consigne de zone d’exclusion au briefing', OWNER, 'done', -2, false],
  ];
  return rows.map(([title, owner_id, status, due, overdue], index) => ({
    id: `0193a7c2-0000-7000-8000-0000000002${String(index).padStart(2, '0')}`,
    number: `ACT-2026-0000${7 + index}`,
    incident_id: INVESTIGATED,
    kind: index === 1 ? 'preventive' : 'corrective',
    title,
    description: null,
    owner_id,
    due_date: dueIn(due),
    status,
    status_note:
      status === 'done' ? 'Fait au briefing du matin, feuille de présence jointe.' : null,
    overdue,
    revision: 1,
    created_at: day(1),
    updated_at: day(1),
  }));
}

const TASK = '0193a7c2-0000-7000-8000-0000000003a1';
/** An export's task as `GET /tasks/{id}` follows it (it never finishes here). */
const task = (overrides = {}) => ({
  id: TASK,
  task: 'hse.export_report',
  status: 'queued',
  attempts: 0,
  progress: null,
  result: null,
  error: null,
  created_at: day(2),
  finished_at: null,
  ...overrides,
});

/** The detail of `found`: under investigation with its investigation and actions, or waiting for approval. */
function detailOf(found, actions, { blank = false } = {}) {
  const people = [
    { full_name: 'Jo Diver', employer: 'contractor', injury_class: 'first_aid', days_lost: 0 },
  ];
  const step = (from_status, to_status, transition, at, reason = null) => ({
    at,
    by_user: ME,
    from_status,
    to_status,
    transition,
    reason,
  });
  const steps = [
    step(null, 'draft', 'create', found.created_at),
    step('draft', 'submitted', 'submit', found.created_at),
  ];
  const extra = { people, steps, investigation: null, actions: [], transitions: [] };
  if (found.id === INVESTIGATED) {
    steps.push(
      step(
        'submitted',
        'under_investigation',
        'start_investigation',
        day(1),
        'Blessure avec arrêt de chantier : investigation 5 pourquoi.',
      ),
    );
    return {
      ...found,
      ...extra,
      investigation: {
        method: 'five_whys',
        root_causes: blank
          ? null
          : 'Le filtre est changé sans outil de maintien : la main sert d’étau.',
        contributing_factors: blank ? null : 'Gants anti-coupure absents du kit de maintenance.',
        findings: null,
        investigators: blank ? [ME] : [ME, OWNER],
        started_at: day(1),
        updated_at: day(1),
      },
      actions: blank ? [] : actions,
      transitions: ['request_approval'],
    };
  }
  if (found.id === PENDING) {
    steps.push(step('submitted', 'under_investigation', 'start_investigation', day(-1)));
    steps.push(step('under_investigation', 'pending_approval', 'request_approval', day(0)));
    return { ...found, ...extra, transitions: ['approve', 'reject'] };
  }
  return { ...found, ...extra, transitions: found.status === 'draft' ? ['submit'] : [] };
}

function mockApi(language, { empty = false, off = false, blank = false } = {}) {
  const incidents = empty ? [] : sampleIncidents();
  const actions = sampleActions();
  const me = signedIn(language);
  const owner = {
    ...me.user,
    id: OWNER,
    full_name: 'Yann Le Gall',
    email: 'y.legall@demo.opsflux.test',
  };
  const grants = {
    'hse.view.incident': 'company',
    'hse.create.incident': 'company',
    'hse.edit.incident': 'company',
    'hse.delete.incident': 'company',
    'hse.investigate.incident': 'company',
    'hse.approve.incident': 'company',
    'hse.view.action': 'company',
    'hse.manage.action': 'company',
    'hse.export.report': 'company',
    'sites.view.site': 'company',
    'users.view.user': 'company',
  };
  // HSE off: the server leaves its entries out of the menu.
  const menu = [
    menuEntry('home', 'home', '/'),
    ...(off
      ? []
      : [
          menuEntry('hse', 'shield-alert', null, [
            menuEntry('hse.incidents', 'triangle-alert', '/hse/incidents'),
            menuEntry('hse.report', 'circle-plus', '/hse/incidents/new'),
            menuEntry('hse.actions', 'clipboard-check', '/hse/actions'),
          ]),
        ]),
  ];
  return function answer(method, url) {
    const path = url.pathname;
    const one = path.match(/^\/api\/v1\/hse\/incidents\/([^/]+)$/);
    if (path === '/api/v1/auth/refresh')
      return { status: 200, body: { access_token: 'mock', expires_in: 900 } };
    if (path === '/api/v1/auth/me') return { status: 200, body: me };
    if (path === '/api/v1/me/permissions') return { status: 200, body: grants };
    if (path === '/api/v1/menu') return { status: 200, body: menu };
    if (path.startsWith('/api/v1/i18n/'))
      return { status: 200, body: { locale: language, version: '1', messages: {} } };
    if (path === '/api/v1/notifications/unread-count') return { status: 200, body: { unread: 0 } };
    if (off && path.startsWith('/api/v1/hse/')) return problem(404, 'not_found', 'route not found');
    // A period asked for: the five incidents are all of it (the export dialog counts them).
    const whole = empty || url.searchParams.has('occurred_from');
    if (path === '/api/v1/hse/incidents')
      return { status: 200, body: { items: incidents, next_cursor: whole ? null : 'next' } };
    if (method === 'POST' && path === '/api/v1/hse/reports') return { status: 202, body: task() };
    if (path === `/api/v1/tasks/${TASK}`)
      return { status: 200, body: task({ status: 'running', progress: { done: 3, total: 5 } }) };
    if (path === '/api/v1/hse/actions') {
      const mine = url.searchParams.get('owner') === 'me';
      const overdue = url.searchParams.get('overdue') === 'true';
      const items = actions.filter(
        (action) => (!mine || action.owner_id === ME) && (!overdue || action.overdue),
      );
      return { status: 200, body: { items, next_cursor: null } };
    }
    if (one) {
      const found = incidents.find((item) => item.id === one[1]);
      if (!found) return problem(404, 'not_found', 'No such incident.');
      return { status: 200, body: detailOf(found, actions, { blank }) };
    }
    if (path === '/api/v1/attachments') return { status: 200, body: [] };
    if (path === '/api/v1/sites')
      return { status: 200, body: { items: [SITE], next_cursor: null } };
    if (path === `/api/v1/sites/${SITE.id}`) return { status: 200, body: SITE };
    if (path === '/api/v1/users/' + ME) return { status: 200, body: me.user };
    if (path === '/api/v1/users/' + OWNER) return { status: 200, body: owner };
    console.warn(`no mock for ${method} ${path}`);
    return problem(404, 'not_found', `No mock for ${method} ${path}`);
  };
}

const { base, openPage, close } = await startMockedPreview();

/** A small JPEG-like image to drop on the form (the upload never answers). */
const PHOTO = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2b2c1d60000000049454e44ae426082',
  'hex',
);

for (const language of ['fr', 'en']) {
  {
    const { context, page } = await openPage(language, mockApi(language, { off: true }));
    const { shoot } = shooter(page, language, outDir, 'hse');
    await page.goto(`${base}/hse/incidents`);
    await page.getByText(/est désactivé|turned off/).waitFor();
    await shoot('off');
    // An incident's link followed while HSE is off: not "page not found".
    await page.goto(`${base}/hse/incidents/${INVESTIGATED}`);
    await page.getByRole('heading', { name: /est désactivé|turned off/ }).waitFor();
    await shoot('off-detail', [1280, 768]);
    await context.close();
  }
  {
    // Just started: the investigation opens as a form, and the top of the page says so.
    const { context, page } = await openPage(language, mockApi(language, { blank: true }));
    const { shoot } = shooter(page, language, outDir, 'hse');
    await page.goto(`${base}/hse/incidents/${INVESTIGATED}`);
    await page.getByLabel(/^(Causes racines|Root causes)$/).waitFor();
    await shoot('detail-investigation-start', [1280, 768], 2400);
    await context.close();
  }
  {
    const { context, page } = await openPage(language, mockApi(language, { empty: true }));
    const { shoot } = shooter(page, language, outDir, 'hse');
    await page.goto(`${base}/hse/incidents`);
    await page.getByText(/Aucun incident déclaré|No incident reported/).waitFor();
    await shoot('empty');
    await context.close();
  }
  const { context, page } = await openPage(language, mockApi(language));
  // Uploads hang: the form shows them on their way.
  await context.route('**/api/v1/files?purpose=hse.photo', () => {});
  const { shoot } = shooter(page, language, outDir, 'hse');
  await page.goto(`${base}/hse/incidents`);
  await page.getByText('INC-2026-00042').waitFor();
  // A laptop and a tablet held upright: number, title, severity and status, no side scroll.
  for (const [width, height] of [
    [1280, 800],
    [768, 1024],
  ]) {
    await page.setViewportSize({ width, height });
    await checkNoSideScroll(page, `list at ${width}×${height}`);
  }
  await shoot('list', [1280, 768]);

  if (language === 'fr') {
    await page.goto(`${base}/hse/incidents?occurred_from=2026-10-01&occurred_to=2026-11-30`);
    await page.getByText('INC-2026-00042').waitFor();
    await page.getByRole('button', { name: 'Exporter' }).click();
    await page.getByRole('button', { name: /Rapport PDF de la période/ }).click();
    await page.getByText('3 / 5 incidents').waitFor();
    // The overlay fades in: shoot once the finite animations are over (spinners never are).
    await page.waitForFunction(() =>
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    );
    const { shootDialog } = shooter(page, language, outDir, 'hse');
    await shootDialog('export-progress');
    await page.keyboard.press('Escape');
  }

  await page.goto(`${base}/hse/incidents/new`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await shoot('form', [1280, 768], 2100);
  await page.getByLabel(/^(Titre|Title) \*$/).fill('Too short');
  // Leaving the title shows its error and moves what is below: click once it has.
  await page.keyboard.press('Tab');
  await page.getByText(/Titre min 10 caractères|at least 10 characters/).waitFor();
  await page.getByRole('button', { name: /^(Ajouter une personne|Add a person)$/ }).click();
  await page.locator('#person-0-days').fill('-1');
  await page.getByRole('button', { name: /^(Soumettre|Submit)$/ }).click();
  await page.getByText(/Titre min 10 caractères|at least 10 characters/).waitFor();
  await shoot('form-errors', [1280], 2300);
  await page
    .locator('input[type=file]')
    .setInputFiles(
      ['1', '2'].map((n) => ({ name: `pont-${n}.png`, mimeType: 'image/png', buffer: PHOTO })),
    );
  await page.getByRole('progressbar').first().waitFor();
  await shoot('form-photos', [1280], 2300);

  await page.goto(`${base}/hse/incidents/0193a7c2-0000-7000-8000-000000000100`);
  await page.getByText('Jo Diver').waitFor();
  await shoot('detail', [1280, 768], 1700);

  const { shootDialog } = shooter(page, language, outDir, 'hse');
  await page.goto(`${base}/hse/incidents/${INVESTIGATED}`);
  await page.getByText('ACT-2026-00007').waitFor();
  await page.getByText('Yann Le Gall').first().waitFor();
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    await checkNoSideScroll(page, `investigation at ${width}`);
  }
  await shoot('detail-investigation', [1280, 768], 2600);

  await page.goto(`${base}/hse/incidents/${PENDING}`);
  await page.getByRole('button', { name: /^(Rejeter|Reject)$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(Rejeter|Reject)$/ })
    .click();
  await page.getByText(/Au moins 10 caractères|At least 10 characters/).waitFor();
  await shootDialog('reject');

  await page.goto(`${base}/hse/incidents/${INVESTIGATED}/edit`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page
    .getByText('Jo Diver')
    .waitFor()
    .catch(() => {});
  await shoot('edit', [1280], 2000);

  await page.goto(`${base}/hse/actions?view=all`);
  await page.getByText('ACT-2026-00008').waitFor();
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 900 });
    await checkNoSideScroll(page, `actions at ${width}`);
  }
  await shoot('actions', [1280, 768]);
  await context.close();
}
await close();
