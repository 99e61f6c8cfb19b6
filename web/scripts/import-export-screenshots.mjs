// Screenshots of imports and exports, in French at 1280 px: the import wizard's first
// step, its preview with refused cells, the commit's progress, its report, the jobs page, and the users
// list's Export menu, saved as <out-dir>/<name>.fr.png.
// Usage: npm run build && node scripts/import-export-screenshots.mjs <out-dir>
// No backend: the built SPA is served by `vite preview`, and the page's API calls are
// answered by the in-memory API below, which follows notes/import-export-api.md (the
// routes are not in the OpenAPI document yet). The commit runs until the script lets it
// end, so its progress can be shot; the browser's clock stands on 10 November 2026,
// 09:30 UTC (10:30 in Paris).
import {
  checkNoSideScroll,
  menuEntry,
  ME,
  shooter,
  shellAnswer,
  signedIn,
  startMockedPreview,
  toastsGone,
} from './mocked-preview.mjs';

const [outDir] = process.argv.slice(2);
if (!outDir) throw new Error('usage: node scripts/import-export-screenshots.mjs <out-dir>');
const NOW = new Date('2026-11-10T09:30:00Z');
const at = (minutes) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

const FILE = '0193a7c2-0000-7000-8000-0000000010f1';
const PREVIEW = '0193a7c2-0000-7000-8000-0000000010a1';
const COMMIT = '0193a7c2-0000-7000-8000-0000000010c1';
const ERRORS = '0193a7c2-0000-7000-8000-0000000010ef';

const field = (name, label, kind, required = false, choices = []) => ({
  name,
  label,
  kind,
  required,
  example: '',
  choices,
});

/** What `GET /imports/resources` answers in French. */
const RESOURCES = [
  {
    name: 'users',
    label: 'Utilisateurs',
    fields: [
      field('email', 'Adresse e-mail', 'email', true),
      field('full_name', 'Nom complet', 'text', true),
      field('roles', 'Rôles', 'list'),
      field('locale', 'Langue', 'choice', false, ['fr', 'en']),
      field('phone', 'Téléphone', 'text'),
    ],
    key: ['email'],
    importable: true,
    exportable: true,
  },
  {
    name: 'sites',
    label: 'Sites',
    fields: [field('name', 'Nom', 'text', true), field('kind', 'Type', 'choice', true)],
    key: ['name'],
    importable: true,
    exportable: true,
  },
  {
    name: 'hse.hours',
    label: 'Heures travaillées',
    fields: [field('site', 'Site', 'text', true), field('month', 'Mois', 'month', true)],
    key: ['site', 'month'],
    importable: true,
    exportable: true,
  },
  {
    name: 'hse.incidents',
    label: 'Incidents HSE',
    fields: [field('number', 'Numéro', 'text')],
    key: ['number'],
    importable: false,
    exportable: true,
  },
];

const PEOPLE = [
  ['Amélie Fontaine', 'amelie.fontaine@demo.opsflux.test', 'viewer', 'fr'],
  ['Bastien Ngoma', 'bastien.ngoma@demo.opsflux.test', 'hse_manager', 'fr'],
  ['Chloé Roux', 'chloe.roux(at)demo.opsflux.test', 'viewer', 'fr'],
  ['David Mbadinga', 'david.mbadinga@demo.opsflux.test', 'viewer', 'fr'],
  ['Eva Lindqvist', 'eva.lindqvist@demo.opsflux.test', 'viewer', 'en'],
  ['Fabrice Obiang', 'fabrice.obiang@demo.opsflux.test', 'viewer', 'fr'],
  ['Grace Mensah', 'grace.mensah@demo.opsflux.test', 'superviseur', 'en'],
  ['Hugo Lambert', 'hugo.lambert@demo.opsflux.test', 'viewer', 'fr'],
  ['Inès Moukagni', 'ines.moukagni@demo.opsflux.test', 'hse_manager', 'fr'],
  ['Jonas Berg', 'jonas.berg@demo.opsflux.test', 'viewer', 'en'],
  ['Karine Essono', 'karine.essono@demo.opsflux.test', 'viewer', 'fr'],
  ['Léo Martin', 'leo.martin@demo.opsflux.test', 'viewer', 'fr'],
];

const badEmail = {
  line: 4,
  column: 'email',
  code: 'invalid_email',
  message: 'Ce n’est pas une adresse e-mail.',
};
const unknownRole = {
  line: 8,
  column: 'roles',
  code: 'unknown_role',
  message: 'Rôle inconnu : superviseur.',
};
const duplicate = {
  line: 131,
  column: 'email',
  code: 'duplicate_in_file',
  message: 'Adresse déjà présente ligne 17.',
};

/** The preview of `equipe-offshore.csv`: 248 rows, three refused. */
function previewResult(overrides = {}) {
  const rows = PEOPLE.map(([full_name, email, roles, locale], index) => {
    const line = index + 2;
    const problems = [badEmail, unknownRole].filter((problem) => problem.line === line);
    return { line, values: { email, full_name, roles, locale }, problems };
  });
  return {
    dry_run: true,
    resource: 'users',
    mode: 'upsert',
    valid_only: false,
    columns: ['E-mail', 'Nom', 'Rôles', 'Langue', 'Remarques'],
    mapping: {
      'E-mail': 'email',
      Nom: 'full_name',
      Rôles: 'roles',
      Langue: 'locale',
      Remarques: null,
    },
    missing: [],
    total: 248,
    valid: 245,
    rejected: 3,
    created: 212,
    updated: 33,
    committed: false,
    cancelled: false,
    problems: [badEmail, unknownRole, duplicate],
    rows,
    error_file_id: null,
    ...overrides,
  };
}

const task = (id, overrides) => ({
  id,
  task: 'import_export.import',
  status: 'done',
  progress: null,
  result: null,
  error: null,
  created_at: at(-1),
  finished_at: at(0),
  ...overrides,
});

/** The caller's tasks, newest first, as the jobs page lists them. */
function jobs() {
  const committed = previewResult({
    dry_run: false,
    valid_only: true,
    committed: true,
    error_file_id: ERRORS,
  });
  return [
    task('0193a7c2-0000-7000-8000-0000000011a1', {
      task: 'import_export.export',
      status: 'running',
      progress: { done: 120, total: 480 },
      created_at: at(-1),
      finished_at: null,
    }),
    task(COMMIT, { result: committed, created_at: at(-9), finished_at: at(-8) }),
    task(PREVIEW, { result: previewResult(), created_at: at(-11), finished_at: at(-11) }),
    task('0193a7c2-0000-7000-8000-0000000011a2', {
      task: 'import_export.export',
      result: {
        file_id: '0193a7c2-0000-7000-8000-0000000011f2',
        file_name: 'sites-2026-11-10.csv',
        rows: 8,
        link: { url: 'https://x', path: '/x', expires_at: at(10) },
      },
      created_at: at(-28),
      finished_at: at(-28),
    }),
    task('0193a7c2-0000-7000-8000-0000000011a3', {
      task: 'hse.export_report',
      status: 'failed',
      error: 'Aucun incident sur cette période.',
      created_at: at(-18 * 60),
      finished_at: at(-18 * 60 + 1),
    }),
    task('0193a7c2-0000-7000-8000-0000000011a4', {
      status: 'cancelled',
      created_at: at(-20 * 60),
      finished_at: at(-20 * 60 + 2),
    }),
  ];
}

function usersList() {
  return PEOPLE.slice(0, 8).map(([full_name, email], index) => ({
    id: `0193a7c2-0000-7000-8000-0000000012${String(index).padStart(2, '0')}`,
    company_id: '0193a7c2-0000-7000-8000-00000000c0de',
    email: email.replace('(at)', '@'),
    full_name,
    locale: 'fr',
    time_zone: 'Europe/Paris',
    is_active: true,
    is_superuser: false,
    status: 'active',
    mfa: { totp: index % 3 === 0, sms: false },
    last_login_at: at(-60 * (index + 1)),
    created_at: at(-60 * 24 * 30),
  }));
}

/** The API of one browser context; `state.commit` says whether the import has ended. */
function mockApi(language, state) {
  const me = signedIn(language);
  const grants = Object.fromEntries(
    ['users.view.user', 'users.manage.user', 'sites.view.site', 'sites.manage.site'].map((code) => [
      code,
      'company',
    ]),
  );
  const menu = [
    menuEntry('home', 'home', '/'),
    menuEntry('admin', 'settings', null, [
      menuEntry('admin.users', 'users', '/admin/users'),
      menuEntry('admin.sites', 'map-pin', '/admin/sites'),
    ]),
  ];
  return (method, url) => {
    const path = url.pathname;
    const shell = shellAnswer(path, { me, grants, menu, language });
    if (shell) return shell;
    if (path === '/api/v1/imports/resources') return { status: 200, body: RESOURCES };
    if (path === '/api/v1/files' && method === 'POST') {
      return {
        status: 201,
        body: {
          id: FILE,
          name: 'equipe-offshore.csv',
          purpose: 'import_export.file',
          content_type: 'text/csv',
          size: 18_432,
          sha256: '0'.repeat(64),
          has_thumbnail: false,
          created_by: ME,
          created_at: at(0),
        },
      };
    }
    if (path === '/api/v1/imports' && method === 'POST') {
      return { status: 202, body: { id: PREVIEW } };
    }
    if (path === `/api/v1/imports/${PREVIEW}/commit`) {
      return { status: 202, body: { id: COMMIT } };
    }
    if (path === `/api/v1/tasks/${PREVIEW}`) {
      return { status: 200, body: task(PREVIEW, { result: previewResult() }) };
    }
    if (path === `/api/v1/tasks/${COMMIT}`) {
      if (state.commit === 'running') {
        return {
          status: 200,
          body: task(COMMIT, {
            status: 'running',
            progress: { done: 137, total: 245 },
            finished_at: null,
          }),
        };
      }
      const result = previewResult({
        dry_run: false,
        valid_only: true,
        committed: true,
        error_file_id: ERRORS,
      });
      return { status: 200, body: task(COMMIT, { result }) };
    }
    if (path === '/api/v1/tasks') {
      return { status: 200, body: { items: jobs(), next_cursor: 'next' } };
    }
    if (path === '/api/v1/users') {
      return { status: 200, body: { items: usersList(), next_cursor: null } };
    }
    console.warn(`no mock for ${method} ${path}`);
    return {
      status: 404,
      body: {
        type: 'about:blank',
        title: 'Not found',
        status: 404,
        code: 'not_found',
        detail: path,
      },
    };
  };
}

const language = 'fr';
const { base, openPage, close } = await startMockedPreview({ uiLanguage: 'fr-FR' });
const state = { commit: 'running' };
const { context, page } = await openPage(language, mockApi(language, state));
await page.clock.setFixedTime(NOW);
const { shoot } = shooter(page, language, outDir, 'import');

// 1. The wizard on the users, a CSV sent, its preview with refused cells.
await page.goto(`${base}/imports/new?resource=users`);
await page.getByRole('heading', { level: 1, name: 'Importer des données' }).waitFor();
await page.getByRole('button', { name: 'Choisir un fichier' }).waitFor();
await shoot('choose');
await page.locator('input[type=file]').setInputFiles({
  name: 'equipe-offshore.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from('E-mail;Nom;Rôles;Langue;Remarques\n'),
});
await page.getByRole('cell', { name: /chloe\.roux\(at\)/ }).waitFor();
await page.getByRole('radio', { name: /Créer ou mettre à jour/ }).check();
await page.getByRole('checkbox', { name: 'Importer seulement les lignes valides' }).click();
await page.getByRole('button', { name: 'Importer 245 lignes' }).waitFor();
// The page scrolls inside <main>: a window as tall as the page shows all of it.
await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
await shoot('preview-errors', [1280], 1650);
await checkNoSideScroll(page, 'import preview');

// 2. The commit: rows done out of the total, and Cancel.
await page.getByRole('button', { name: 'Importer 245 lignes' }).click();
await page.getByRole('progressbar', { name: 'Avancement de l’import' }).waitFor();
await shoot('commit-progress');

// 3. The report, once the task has ended.
state.commit = 'done';
await page.getByText('Import terminé.').waitFor();
await shoot('report');
await context.close();

// 4. The jobs page.
{
  const { context: jobsContext, page: jobsPage } = await openPage(
    language,
    mockApi(language, state),
  );
  await jobsPage.clock.setFixedTime(NOW);
  const jobsShots = shooter(jobsPage, language, outDir, 'jobs');
  await jobsPage.goto(`${base}/jobs`);
  await jobsPage.getByRole('heading', { level: 1, name: 'Tâches' }).waitFor();
  await jobsPage.getByText('sites-2026-11-10.csv').waitFor();
  await jobsShots.shoot('page');
  await checkNoSideScroll(jobsPage, 'jobs');

  // 5. The users list: Import beside Export, whose menu offers the formats.
  const usersShots = shooter(jobsPage, language, outDir, 'users');
  await jobsPage.goto(`${base}/admin/users`);
  await jobsPage.getByRole('link', { name: 'Importer' }).waitFor();
  await jobsPage.getByRole('button', { name: 'Exporter' }).click();
  await jobsPage.getByRole('menuitem', { name: 'Excel (.xlsx)' }).waitFor();
  await toastsGone(jobsPage);
  await usersShots.shootDialog('export-menu');
  await jobsContext.close();
}
await close();
