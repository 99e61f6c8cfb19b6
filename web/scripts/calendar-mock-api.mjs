// The in-memory calendar API of scripts/calendar-screenshots.mjs: a demo company's
// events around Tuesday 10 November 2026 (Paris, UTC+1 then), their occurrences
// expanded for the range asked (weekly and monthly "2nd Tuesday" rules, as the server
// would), HSE actions' due dates, the iCal feed, and what the event form picks from
// (sites, people, roles, groups). It keeps what the pages create, change and delete.
import { COMPANY, ME, menuEntry, problem, shellAnswer, signedIn } from './mocked-preview.mjs';

const PARIS_OFFSET = 60; // minutes, in November and December
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const id = (n) => `0193a7c2-0000-7000-8000-0000000c${String(n).padStart(4, '0')}`;
/** `day` November 2026 at `time` (`HH:mm`) in Paris, as an instant. */
const paris = (day, time) => {
  const [hour, minute] = time.split(':').map(Number);
  return new Date(Date.UTC(2026, 10, day, hour, minute) - PARIS_OFFSET * 60_000);
};
const iso = (date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export const ALPHA = {
  id: '0193a7c2-0000-7000-8000-000000000500',
  company_id: COMPANY,
  name: 'Plateforme Alpha',
  kind: 'platform',
  location: 'Bloc 17, 80 km au large de Port-Gentil',
  coordinates: null,
  is_active: true,
  created_at: '2026-01-05T08:00:00Z',
  updated_at: '2026-01-05T08:00:00Z',
};
const PEOPLE = [
  [ME, 'Camille Martin', 'admin@demo.opsflux.test'],
  [id(901), 'Claire Dubois', 'hse.manager@demo.opsflux.test'],
  [id(902), 'Karim Benali', 'hse.officer@demo.opsflux.test'],
  [id(903), 'Jean Okou', 'field.worker@demo.opsflux.test'],
].map(([userId, full_name, email]) => ({ user_id: userId, full_name, email }));

/** One sample event: its words in both languages, its first times, its rule for the mock. */
const sample = (n, fr, en, first, last, more = {}) => ({ n, fr, en, first, last, ...more });
function samples() {
  return [
    sample(
      1,
      'Réunion sécurité hebdomadaire',
      'Weekly safety meeting',
      paris(3, '09:00'),
      paris(3, '10:00'),
      {
        rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z',
        weeks: 1,
        color: '#2563eb',
        category: ['Réunion', 'Meeting'],
        site_id: ALPHA.id,
        invitees: [ME, 'role:hse_manager'],
        answers: { [ME]: 'accepted', [id(901)]: 'accepted', [id(902)]: 'tentative' },
        reminders: [15, 1440],
      },
    ),
    sample(
      2,
      'Relève équipage (hélicoptère)',
      'Crew change (helicopter)',
      paris(5, '06:30'),
      paris(5, '08:00'),
      {
        rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH',
        weeks: 2,
        color: '#475569',
        location: ['Héliport de Port-Gentil', 'Port-Gentil heliport'],
        invitees: ['group:Équipe de quart B'],
        answers: { [ME]: 'needs_action', [id(903)]: 'accepted' },
      },
    ),
    sample(
      3,
      'Comité HSE mensuel',
      'Monthly HSE committee',
      paris(10, '14:00'),
      paris(10, '15:30'),
      {
        rrule: 'FREQ=MONTHLY;BYDAY=2TU',
        color: '#b45309',
        invitees: [ME, id(901)],
        answers: { [ME]: 'tentative', [id(901)]: 'accepted' },
      },
    ),
    sample(
      4,
      'Formation ARI',
      'Breathing apparatus training',
      paris(11, '14:00'),
      paris(11, '17:00'),
      {
        color: '#15803d',
        category: ['Formation', 'Training'],
        site_id: ALPHA.id,
        invitees: [ME, id(903)],
        answers: { [ME]: 'accepted', [id(903)]: 'needs_action' },
      },
    ),
    sample(
      5,
      'Audit ISO 45001',
      'ISO 45001 audit',
      new Date('2026-11-15T23:00:00Z'),
      new Date('2026-11-17T23:00:00Z'),
      {
        all_day: true,
        color: '#7c3aed',
        invitees: [ME],
        answers: { [ME]: 'accepted' },
      },
    ),
    sample(6, 'Exercice d’évacuation', 'Evacuation drill', paris(20, '10:00'), paris(20, '11:00'), {
      color: '#c62828',
      invitees: [ME],
      answers: { [ME]: 'declined' },
    }),
    sample(
      7,
      'Maintenance grue du pont B',
      'Deck B crane maintenance',
      paris(26, '08:00'),
      paris(26, '12:00'),
      {
        site_id: ALPHA.id,
      },
    ),
  ];
}

/** The starts of `event`'s occurrences between `from` and `to`. */
function starts(event, from, to) {
  const first = event.first.getTime();
  if (!event.rrule) return first < to && event.last.getTime() > from ? [first] : [];
  const found = [];
  if (event.weeks) {
    const until = /UNTIL=(\d{4})(\d{2})(\d{2})/.exec(event.rrule);
    const end = until ? Date.UTC(+until[1], +until[2] - 1, +until[3], 23) : Infinity;
    for (let at = first; at < to && at <= end; at += event.weeks * 7 * DAY) {
      if (at + (event.last - event.first) > from) found.push(at);
    }
    return found;
  }
  // Monthly on the 2nd Tuesday, at the first one's time of day.
  const time = first - Date.UTC(2026, 10, 10);
  for (let month = 10; month < 24; month++) {
    const firstDay = new Date(Date.UTC(2026, month, 1));
    const tuesday = 1 + ((2 - firstDay.getUTCDay() + 7) % 7) + 7;
    const at = Date.UTC(2026, month, tuesday) + time;
    if (at >= first && at < to && at > from) found.push(at);
  }
  return found;
}

function occurrence(event, at, language) {
  const length = event.last - event.first;
  return {
    event_id: id(event.n),
    series_id: null,
    original_start: event.rrule ? iso(new Date(at)) : null,
    recurring: Boolean(event.rrule),
    title: event[language],
    starts_at: iso(new Date(at)),
    ends_at: iso(new Date(at + length)),
    all_day: Boolean(event.all_day),
    time_zone: 'Europe/Paris',
    location: event.location?.[language === 'fr' ? 0 : 1] ?? null,
    site_id: event.site_id ?? null,
    category: event.category?.[language === 'fr' ? 0 : 1] ?? null,
    color: event.color ?? null,
    visibility: 'company',
    organizer_id: ME,
    my_response: event.answers?.[ME] ?? null,
    can_edit: true,
  };
}

function eventOut(event, language) {
  const first = occurrence(event, event.first.getTime(), language);
  return {
    ...first,
    id: first.event_id,
    original_start: null,
    description:
      event.n === 1
        ? ['Tour de table des incidents de la semaine.', 'Round table of the week’s incidents.'][
            language === 'fr' ? 0 : 1
          ]
        : null,
    rrule: event.rrule ?? null,
    exdates: [],
    invitees: event.invitees ?? [],
    attendees: PEOPLE.filter((person) => event.answers?.[person.user_id]).map((person) => ({
      ...person,
      response: event.answers[person.user_id],
      responded_at: null,
    })),
    reminders: event.reminders ?? [15],
    organizer_name: 'Camille Martin',
    sequence: 0,
    created_at: '2026-10-01T08:00:00Z',
    updated_at: '2026-10-01T08:00:00Z',
  };
}

const ITEMS = [
  [
    'ACT-2026-00007 · Remplacer le flexible hydraulique',
    'ACT-2026-00007 · Replace the hydraulic hose',
    '2026-11-06',
    true,
  ],
  [
    'ACT-2026-00012 · Former l’équipe de quart',
    'ACT-2026-00012 · Train the shift crew',
    '2026-11-19',
    false,
  ],
  [
    'ACT-2026-00015 · Inspecter les élingues',
    'ACT-2026-00015 · Inspect the slings',
    '2026-11-27',
    false,
  ],
];

/** The API of one browser context, in `language`; `empty` has no event and no item. */
export function calendarApi(language, { empty = false } = {}) {
  const events = empty ? [] : samples();
  const items = empty ? [] : ITEMS;
  let feed = {
    active: true,
    created_at: '2026-10-12T09:30:00Z',
    last_used_at: '2026-11-10T06:45:00Z',
  };
  const me = signedIn(language);
  const grants = Object.fromEntries(
    [
      'calendar.view.event',
      'calendar.manage.event',
      'users.view.user',
      'sites.view.site',
      'roles.view.role',
      'groups.view.group',
    ].map((code) => [code, 'company']),
  );
  const menu = [
    menuEntry('home', 'home', '/'),
    menuEntry('calendar', 'calendar', '/calendar'),
    menuEntry('hse', 'shield-alert', null, [
      menuEntry('hse.actions', 'clipboard-check', '/hse/actions'),
    ]),
    menuEntry('admin', 'settings', null, [menuEntry('admin.sites', 'map-pin', '/admin/sites')]),
  ];
  const find = (eventId) => events.find((event) => id(event.n) === eventId);

  return function answer(method, url, body) {
    const path = url.pathname;
    const query = url.searchParams;
    const one = path.match(/^\/api\/v1\/calendar\/events\/([^/]+)$/);
    const shell = shellAnswer(path, { me, grants, menu, language });
    if (shell) return shell;
    if (path === '/api/v1/calendar/events' && method === 'GET') {
      const from = Date.parse(query.get('from'));
      const to = Date.parse(query.get('to'));
      return {
        status: 200,
        body: {
          occurrences: events.flatMap((event) =>
            starts(event, from, to).map((at) => occurrence(event, at, language)),
          ),
          items: items
            .filter(
              ([, , date]) =>
                Date.parse(`${date}T12:00:00Z`) >= from && Date.parse(`${date}T12:00:00Z`) < to,
            )
            .map(([fr, en, date, overdue], index) => ({
              source: 'hse.action',
              id: id(500 + index),
              title: language === 'fr' ? fr : en,
              date,
              overdue,
              link: '/hse/actions',
            })),
        },
      };
    }
    if (path === '/api/v1/calendar/events' && method === 'POST') {
      const n = 100 + events.length;
      events.push({
        ...sample(n, body.title, body.title, new Date(body.starts_at), new Date(body.ends_at)),
        ...body,
        rrule: body.rrule ?? undefined,
        weeks: body.rrule ? Number(/INTERVAL=(\d+)/.exec(body.rrule)?.[1] ?? 1) : undefined,
      });
      return { status: 201, body: eventOut(events.at(-1), language) };
    }
    if (one && method === 'GET') {
      const event = find(one[1]);
      return event
        ? { status: 200, body: eventOut(event, language) }
        : problem(404, 'not_found', 'No such event.');
    }
    if (one && method === 'PATCH')
      return { status: 200, body: { ...eventOut(find(one[1]), language), ...body } };
    if (one && method === 'DELETE') return { status: 204 };
    if (path.endsWith('/response'))
      return { status: 200, body: eventOut(find(path.split('/')[5]), language) };
    if (path === '/api/v1/calendar/feed' && method === 'GET') return { status: 200, body: feed };
    if (path === '/api/v1/calendar/feed' && method === 'POST') {
      feed = { active: true, created_at: '2026-11-10T08:12:00Z', last_used_at: null };
      return {
        status: 201,
        body: {
          url: 'https://opsflux.example.com/api/v1/calendar/feed/cal_7Qm4xR2vK9pLs8Tn3WbZ.ics',
          created_at: feed.created_at,
        },
      };
    }
    if (path === '/api/v1/calendar/feed' && method === 'DELETE') {
      feed = { active: false, created_at: null, last_used_at: null };
      return { status: 204 };
    }
    if (path === '/api/v1/sites')
      return { status: 200, body: { items: [ALPHA], next_cursor: null } };
    if (path === `/api/v1/sites/${ALPHA.id}`) return { status: 200, body: ALPHA };
    if (path === '/api/v1/roles') {
      const role = (code, name) => ({
        id: id(code.length),
        company_id: COMPANY,
        code,
        name,
        is_system: true,
        permissions: {},
        updated_at: '2026-01-05T08:00:00Z',
      });
      return {
        status: 200,
        body: {
          items: [
            role('hse_manager', language === 'fr' ? 'Responsable HSE' : 'HSE manager'),
            role('field_worker', language === 'fr' ? 'Opérateur terrain' : 'Field worker'),
          ],
        },
      };
    }
    if (path === '/api/v1/groups') {
      return {
        status: 200,
        body: {
          items: [
            {
              id: id(950),
              company_id: COMPANY,
              name: 'Équipe de quart B',
              member_ids: [],
              role_ids: [],
              updated_at: '2026-01-05T08:00:00Z',
            },
          ],
        },
      };
    }
    const user = path.match(/^\/api\/v1\/users\/([^/]+)$/);
    if (user) {
      const person = PEOPLE.find((candidate) => candidate.user_id === user[1]);
      return person
        ? {
            status: 200,
            body: {
              ...me.user,
              id: person.user_id,
              full_name: person.full_name,
              email: person.email,
            },
          }
        : problem(404, 'not_found', 'No such user.');
    }
    if (path === '/api/v1/users') {
      const q = (query.get('q') ?? '').toLowerCase();
      const found = PEOPLE.filter((person) => person.full_name.toLowerCase().includes(q));
      return {
        status: 200,
        body: {
          items: found.map((person) => ({
            ...me.user,
            id: person.user_id,
            full_name: person.full_name,
            email: person.email,
          })),
          next_cursor: null,
        },
      };
    }
    console.warn(`no mock for ${method} ${path}`);
    return problem(404, 'not_found', `No mock for ${method} ${path}`);
  };
}
