/**
 * Where a notification takes the user in the app: the incident or action it names, or
 * nowhere (`null`: it stays where it is, e.g. the inbox). One function for the inbox and
 * for a tapped push, so both open the same screen.
 *
 * The server names a record two ways: `link`, the web app's path (`/hse/incidents/<id>`,
 * `/hse/actions/<id>`), and `data`, which some notifications fill with ids
 * (`action_id`, `incident_id`: an overdue action links to its incident but is about the
 * action). A push carries `link` in its data (FCM data values are strings).
 */

export type AppRoute = `/incidents/${string}` | `/actions/${string}`;

/** What a notification or a push payload may carry; anything else is ignored. */
export type NotificationTarget = {
  link?: string | null;
  data?: unknown;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function id(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null;
}

function field(data: unknown, name: string): unknown {
  return typeof data === 'object' && data !== null
    ? (data as Record<string, unknown>)[name]
    : undefined;
}

function fromLink(link: unknown): AppRoute | null {
  if (typeof link !== 'string') return null;
  // Only a path of ours: not `//host/…`, not `https://…`; the query and fragment dropped.
  if (!link.startsWith('/') || link.startsWith('//')) return null;
  const path = link.split(/[?#]/)[0] ?? '';
  const match = /^\/(?:hse\/)?(incidents|actions)\/([^/]+)\/?$/.exec(path);
  const target = id(match?.[2]);
  if (!match || !target) return null;
  return match[1] === 'actions' ? `/actions/${target}` : `/incidents/${target}`;
}

export function notificationRoute({ link, data }: NotificationTarget): AppRoute | null {
  const action = id(field(data, 'action_id'));
  if (action) return `/actions/${action}`;
  return fromLink(link ?? field(data, 'link')) ?? routeFromIncidentId(data);
}

function routeFromIncidentId(data: unknown): AppRoute | null {
  const incident = id(field(data, 'incident_id'));
  return incident ? `/incidents/${incident}` : null;
}
