/**
 * An in-process fake of the API's sync routes, for the outbox's tests: files, incidents
 * (with the idempotency rules of `POST /api/v1/hse/incidents`), the incident list with
 * `updated_since`, cursors and tombstones, and actions with their `complete` move. It
 * answers `Request`s as `authorizedFetch` would, and can misbehave on a schedule.
 */
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

/** What the fake does with the n-th request (1-based). */
export type Fault =
  | 'none'
  /** No answer and nothing done: the network dropped the request. */
  | 'drop-request'
  /** A 503 before doing anything. */
  | 'unavailable'
  /** Does the work, then the answer is lost (the worst case for duplicates). */
  | 'drop-response'
  /** Does the work, then never answers until `release()`. */
  | 'hang';

export type StoredFile = { id: string; name: string; content: string };
export type StoredIncident = Schemas['IncidentOut'] & { photo_ids: string[] };

const problem = (status: number, code: string, detail: string, extra: object = {}) =>
  new Response(
    JSON.stringify({
      type: `urn:opsflux:problem:${code}`,
      title: code,
      status,
      code,
      detail,
      ...extra,
    }),
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );

export class FakeApi {
  readonly files = new Map<string, StoredFile>();
  readonly incidents: StoredIncident[] = [];
  readonly actions = new Map<string, Schemas['ActionOut']>();
  readonly keys = new Map<string, { body: string; incidentId: string }>();
  /** The evidence photos each `complete` brought, by action id. */
  readonly evidence = new Map<string, string[]>();
  /** Every request the fake received, in order, whatever its fate. */
  readonly log: string[] = [];
  /** The site ids the fake accepts; a report naming another is refused (422). */
  readonly sites = new Set<string>(['site-1']);
  fault: (n: number, request: Request) => Fault = () => 'none';
  /** The server's clock (the `Date` header, `updated_at`). */
  clock = Date.parse('2026-03-01T08:00:00Z');
  /** Answers 401 while true. */
  signedOut = false;
  private count = 0;
  private sequence = 0;
  private hung: ((error: Error) => void) | null = null;

  get hanging() {
    return this.hung !== null;
  }

  /** Fails the request left hanging, as a closed connection would. */
  release() {
    this.hung?.(new TypeError('Network request failed'));
    this.hung = null;
  }

  incidentsWithTitle(title: string) {
    return this.incidents.filter((incident) => incident.title === title && !incident.deleted_at);
  }

  readonly fetch = async (request: Request): Promise<Response> => {
    this.count += 1;
    const url = new URL(request.url);
    this.log.push(`${request.method} ${url.pathname}`);
    const fault = this.fault(this.count, request);
    if (fault === 'drop-request') throw new TypeError('Network request failed');
    if (fault === 'unavailable') return problem(503, 'unavailable', 'Try again later.');
    if (this.signedOut) return problem(401, 'unauthenticated', 'Sign in.');
    const response = await this.handle(request, url);
    this.clock += 1000;
    if (fault === 'drop-response') throw new TypeError('Network request failed');
    if (fault === 'hang') {
      return new Promise<Response>((_, reject) => {
        this.hung = reject;
      });
    }
    const headers = new Headers(response.headers);
    headers.set('Date', new Date(this.clock).toUTCString());
    return new Response(response.body, { status: response.status, headers });
  };

  private nextId(prefix: string) {
    this.sequence += 1;
    return `${prefix}-${String(this.sequence).padStart(4, '0')}`;
  }

  private async handle(request: Request, url: URL): Promise<Response> {
    const path = url.pathname;
    if (request.method === 'POST' && path === '/api/v1/files') return this.upload(request);
    if (request.method === 'POST' && path === '/api/v1/hse/incidents') return this.report(request);
    if (request.method === 'GET' && path === '/api/v1/hse/incidents') {
      return this.list(url, this.incidents);
    }
    if (request.method === 'GET' && path === '/api/v1/hse/actions') {
      // The fake's user is `me`: `owner=me` picks the actions whose `owner_id` is `me`.
      const owner = url.searchParams.get('owner');
      const mine = [...this.actions.values()].filter((one) => !owner || one.owner_id === owner);
      return this.list(url, mine);
    }
    if (request.method === 'GET' && path === '/api/v1/sites') {
      return Response.json({ items: [], next_cursor: null });
    }
    const move = /^\/api\/v1\/hse\/actions\/([^/]+)\/(\w+)$/.exec(path);
    if (request.method === 'POST' && move) {
      const body = (await request.json()) as Schemas['ActionMoveIn'] | null;
      return this.moveAction(move[1] ?? '', move[2] ?? '', body?.evidence_ids ?? []);
    }
    return problem(404, 'not_found', `no route ${request.method} ${path}`);
  }

  private async upload(request: Request) {
    // React Native's FormData type has no `get`; Node's (which runs these tests) has.
    const form = (await request.formData()) as unknown as {
      get(name: string): string | { name: string; text(): Promise<string> } | null;
    };
    const file = form.get('file');
    if (!file || typeof file === 'string') return problem(400, 'bad_request', 'no file part');
    const stored = { id: this.nextId('file'), name: file.name, content: await file.text() };
    this.files.set(stored.id, stored);
    return Response.json({ id: stored.id, sha256: '', status: 'clean' }, { status: 201 });
  }

  private async report(request: Request) {
    const text = await request.text();
    const body = JSON.parse(text) as Schemas['IncidentIn'];
    const key = request.headers.get('Idempotency-Key');
    const earlier = key ? this.keys.get(key) : undefined;
    if (earlier) {
      if (earlier.body !== text) {
        return problem(409, 'idempotency_key_reused', 'This key went with another body.');
      }
      const incident = this.incidents.find((one) => one.id === earlier.incidentId);
      return Response.json(incident, { status: 201, headers: { 'Idempotent-Replayed': 'true' } });
    }
    if (body.site_id && !this.sites.has(body.site_id)) {
      return problem(422, 'validation_failed', 'The request body has invalid fields.', {
        errors: [{ field: 'site_id', code: 'inactive', message: 'not an active site' }],
      });
    }
    for (const id of body.photo_ids ?? []) {
      if (!this.files.has(id)) return problem(422, 'validation_failed', `no photo ${id}`);
    }
    const at = new Date(this.clock).toISOString();
    const incident: StoredIncident = {
      id: this.nextId('incident'),
      number: `INC-2026-${String(this.incidents.length + 1).padStart(5, '0')}`,
      title: body.title,
      description: body.description,
      severity: body.severity,
      incident_type: body.incident_type,
      status: body.draft ? 'draft' : 'submitted',
      occurred_at: body.occurred_at,
      location: body.location,
      site_id: body.site_id ?? null,
      reported_by: 'me',
      revision: 1,
      created_at: at,
      updated_at: at,
      photo_ids: body.photo_ids ?? [],
    };
    this.incidents.push(incident);
    if (key) this.keys.set(key, { body: text, incidentId: incident.id });
    return Response.json(incident, { status: 201 });
  }

  /** Changes an incident as another user would (`updated_at` moves). */
  touch(id: string, change: Partial<StoredIncident>) {
    const incident = this.incidents.find((one) => one.id === id);
    if (!incident) throw new Error(`no incident ${id}`);
    Object.assign(incident, change, { updated_at: new Date(this.clock).toISOString() });
    this.clock += 1000;
  }

  /** Changes an action as its manager would (`updated_at` moves). */
  touchAction(id: string, change: Partial<Schemas['ActionOut']>) {
    const action = this.actions.get(id);
    if (!action) throw new Error(`no action ${id}`);
    this.actions.set(id, { ...action, ...change, updated_at: new Date(this.clock).toISOString() });
    this.clock += 1000;
  }

  /**
   * A list page as the server's lists answer: live records, or with `updated_since` the
   * records changed since, deleted ones included (`deleted_at`).
   */
  private list<T extends { updated_at: string; deleted_at?: string | null }>(
    url: URL,
    records: T[],
  ) {
    const since = url.searchParams.get('updated_since');
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const offset = Number(url.searchParams.get('cursor') ?? 0);
    const matching = records
      .filter((one) => (since ? one.updated_at >= since : !one.deleted_at))
      .map((record) => {
        const { photo_ids, ...rest } = record as T & { photo_ids?: string[] };
        void photo_ids;
        return rest;
      });
    const items = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? String(offset + limit) : null;
    return Response.json({ items, next_cursor: next });
  }

  private moveAction(id: string, move: string, evidence: string[]) {
    const action = this.actions.get(id);
    if (!action) return problem(404, 'not_found', 'No such action.');
    if (move !== 'complete') return problem(404, 'not_found', 'No such move.');
    if (action.status !== 'open' && action.status !== 'in_progress') {
      return problem(
        409,
        'illegal_transition',
        `The action is \`${action.status}\`: \`complete\` moves it from \`open\`, \`in_progress\`.`,
      );
    }
    const moved = { ...action, status: 'done' as const, revision: action.revision + 1 };
    this.actions.set(id, moved);
    this.evidence.set(id, evidence);
    return Response.json(moved);
  }
}
