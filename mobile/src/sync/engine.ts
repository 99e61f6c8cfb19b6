import { backoffMs, exchange, type Outcome, type Transport } from './http';
import { ACTIONS_PREFIX, INCIDENTS_PREFIX, type MirroredAction, SITES_KEY } from './mirror';
import {
  type ActionMoveItem,
  type IncidentItem,
  listItems,
  type LocalPhoto,
  type OutboxItem,
  saveItem,
} from './outbox';
import { readJson, type Store, writeJson } from './store';

/** The multipart part of a photo: a `Blob` in Node; `{ uri, name, type }` in React Native. */
export type PhotoPart = { value: Blob; filename?: string };

export type EngineOptions = {
  store: Store;
  /** `http(s)://host[:port]`, without `/api/v1` (a function: the address may change at sign-in). */
  baseUrl: string | (() => string);
  fetch: Transport;
  photoPart: (photo: LocalPhoto) => Promise<PhotoPart>;
  /** The UI language, sent as `Accept-Language` so problem details read in it. */
  language?: () => string;
  now?: () => number;
  random?: () => number;
  /** A request and its whole answer within this (default 60 s); 0: no limit. */
  timeoutMs?: number;
  /** Download the sites and "my actions" too (default true; the tests of the queue skip them). */
  pullAll?: boolean;
};

export type EngineStatus = {
  running: boolean;
  /** A 401: the queue waits for the user to sign in again. */
  sessionNeeded: boolean;
  /** The last pass's failure that will be retried (network, 5xx…), null after a clean pass. */
  lastError: string | null;
  lastSyncedAt: string | null;
};

export type PassReport = {
  sent: number;
  refused: number;
  /** Why the pass stopped early, if it did. */
  stoppedBy: 'transient' | 'unauthorized' | null;
};

type Step = 'continue' | 'transient' | 'unauthorized';

/** Incidents' `updated_since` is set this long before the server's clock read on the first page. */
const SINCE_MARGIN_MS = 2 * 60_000;
const PAGE = 100;

type PullState = { since: string | null; cursor: string | null; nextSince: string | null };

/**
 * The sync engine: sends the outbox, oldest first, then brings the server's changes.
 *
 * Sending an item: its photos one by one (each server id stored as soon as it is
 * known, so a photo is never sent twice once acknowledged), then the record with the
 * item's idempotency key (a retry after a lost answer gets the same record back).
 * The item's state is written before and after each step, so a crash anywhere leaves
 * an item that the next start sends again without duplicating anything.
 *
 * One pass at a time: `sync()` while a pass runs makes one more pass after it.
 */
export class SyncEngine {
  private readonly store: Store;
  private readonly options: EngineOptions;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private running: Promise<PassReport> | null = null;
  private again = false;
  private readonly listeners = new Set<() => void>();
  private currentStatus: EngineStatus = {
    running: false,
    sessionNeeded: false,
    lastError: null,
    lastSyncedAt: null,
  };

  constructor(options: EngineOptions) {
    this.options = options;
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  get status(): EngineStatus {
    return this.currentStatus;
  }

  /** Called after every change to the outbox, the copies or the status. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the listeners that something changed (the app calls it after adding an item). */
  notify() {
    for (const listener of this.listeners) listener();
  }

  /** After a sign-in: the queue may go on. */
  sessionRestored() {
    this.setStatus({ sessionNeeded: false });
  }

  /** When the next item in backoff is due (ms since the epoch), or null. */
  async nextDueAt(): Promise<number | null> {
    const times = (await listItems(this.store))
      .filter((item) => item.state === 'waiting' && item.nextAttemptAt !== null)
      .map((item) => item.nextAttemptAt ?? 0);
    return times.length ? Math.min(...times) : null;
  }

  /** One pass (or joins the running one, and asks for another after it). */
  sync(): Promise<PassReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async () => {
      this.setStatus({ running: true });
      let report: PassReport;
      do {
        this.again = false;
        report = await this.pass();
      } while (this.again && report.stoppedBy === null);
      return report;
    };
    this.running = run().finally(() => {
      this.running = null;
      this.setStatus({ running: false });
    });
    return this.running;
  }

  private async pass(): Promise<PassReport> {
    const report = await this.push();
    if (report.stoppedBy === null) {
      const pulled = await this.pull();
      if (pulled !== 'continue') report.stoppedBy = pulled;
    }
    this.setStatus({
      sessionNeeded: report.stoppedBy === 'unauthorized',
      ...(report.stoppedBy === null
        ? { lastError: null, lastSyncedAt: new Date(this.now()).toISOString() }
        : {}),
    });
    return report;
  }

  // ---------------------------------------------------------------- sending

  /** Sends every item that is due, oldest first; stops at the first failure that is not the item's. */
  async push(): Promise<PassReport> {
    const report: PassReport = { sent: 0, refused: 0, stoppedBy: null };
    const due = (await listItems(this.store)).filter(
      (item) =>
        item.state === 'sending' ||
        (item.state === 'waiting' &&
          (item.nextAttemptAt === null || item.nextAttemptAt <= this.now())),
    );
    for (const queued of due) {
      const item = await this.send(queued);
      if (item.state === 'sent') report.sent += 1;
      if (item.state === 'attention') report.refused += 1;
      if (item.state === 'waiting') {
        report.stoppedBy = item.lastError === 'unauthorized' ? 'unauthorized' : 'transient';
        break;
      }
    }
    return report;
  }

  private async send(queued: OutboxItem): Promise<OutboxItem> {
    let item: OutboxItem = { ...queued, state: 'sending', updatedAt: this.iso() };
    await this.save(item);
    for (let index = 0; index < item.photos.length; index += 1) {
      const photo = item.photos[index];
      if (!photo || photo.serverId) continue;
      const outcome = await this.upload(photo);
      if (outcome.kind !== 'ok') return this.settle(item, outcome);
      const photos = item.photos.slice();
      photos[index] = { ...photo, serverId: (outcome.body as { id: string }).id };
      item = { ...item, photos, updatedAt: this.iso() };
      await this.save(item);
    }
    return item.kind === 'incident' ? this.sendIncident(item) : this.sendActionMove(item);
  }

  private async sendIncident(item: IncidentItem): Promise<OutboxItem> {
    const body = { ...item.payload, photo_ids: item.photos.map((photo) => photo.serverId ?? '') };
    const outcome = await this.request('POST', '/api/v1/hse/incidents', {
      json: body,
      headers: { 'Idempotency-Key': item.idempotencyKey },
    });
    if (outcome.kind !== 'ok') return this.settle(item, outcome);
    const incident = outcome.body as { id: string; number: string };
    await this.mirrorIncident(outcome.body);
    return this.settle(item, outcome, {
      id: incident.id,
      number: incident.number,
      replayed: outcome.headers.get('Idempotent-Replayed') === 'true',
    });
  }

  private async sendActionMove(item: ActionMoveItem): Promise<OutboxItem> {
    const { actionId, move, note } = item.payload;
    const outcome = await this.request(
      'POST',
      `/api/v1/hse/actions/${encodeURIComponent(actionId)}/${move}`,
      {
        json: { note, evidence_ids: item.photos.map((photo) => photo.serverId ?? '') },
        headers: { 'Idempotency-Key': item.idempotencyKey },
      },
    );
    if (outcome.kind === 'ok') {
      const action = outcome.body as MirroredAction;
      await writeJson(this.store, ACTIONS_PREFIX + action.id, action);
      return this.settle(item, outcome, { id: action.id, number: action.number, replayed: false });
    }
    // A retry after a lost answer finds the action done already: that is our move, made.
    if (outcome.kind === 'refused' && alreadyIn(outcome.problem, 'done')) {
      const known = await readJson<MirroredAction>(this.store, ACTIONS_PREFIX + actionId);
      if (known) {
        await writeJson(this.store, ACTIONS_PREFIX + actionId, { ...known, status: 'done' });
      }
      return this.settle(
        item,
        { kind: 'ok', status: 200, body: null, headers: new Headers() },
        { id: actionId, number: known?.number ?? '', replayed: true },
      );
    }
    return this.settle(item, outcome);
  }

  /** Writes where a step left the item: sent, refused, or waiting for a retry. */
  private async settle(
    item: OutboxItem,
    outcome: Outcome,
    result: OutboxItem['result'] = null,
  ): Promise<OutboxItem> {
    const base = { ...item, updatedAt: this.iso() };
    let settled: OutboxItem;
    switch (outcome.kind) {
      case 'ok':
        settled = { ...base, state: 'sent', result, problem: null, lastError: null };
        break;
      case 'refused':
        settled = { ...base, state: 'attention', problem: outcome.problem, nextAttemptAt: null };
        break;
      case 'unauthorized':
        // Not the item's fault: no attempt counted, sent again once signed in.
        settled = { ...base, state: 'waiting', lastError: 'unauthorized', nextAttemptAt: null };
        break;
      case 'transient': {
        const attempts = item.attempts + 1;
        settled = {
          ...base,
          state: 'waiting',
          attempts,
          lastError: outcome.error,
          nextAttemptAt: this.now() + backoffMs(attempts, this.random, outcome.retryAfterMs),
        };
        this.setStatus({ lastError: outcome.error });
        break;
      }
    }
    await this.save(settled);
    return settled;
  }

  private async upload(photo: LocalPhoto): Promise<Outcome> {
    const part = await this.options.photoPart(photo);
    return this.request('POST', '/api/v1/files?purpose=hse.photo', { part });
  }

  // ---------------------------------------------------------------- downloading

  /** Brings my incidents and my actions (both incrementally), and the sites. */
  async pull(): Promise<Step> {
    const incidents = await this.pullIncremental(
      '/api/v1/hse/incidents?reported_by_me=true',
      'sync:incidents',
      INCIDENTS_PREFIX,
    );
    if (incidents !== 'continue' || this.options.pullAll === false) return incidents;
    const actions = await this.pullIncremental(
      '/api/v1/hse/actions?owner=me',
      'sync:actions',
      ACTIONS_PREFIX,
    );
    if (actions !== 'continue') return actions;
    return this.pullSites();
  }

  /**
   * Pages of changes since the last pull (`updated_since`), deleted records included
   * (`deleted_at`: the copy goes). Where it stands is stored after each page, so a
   * restart goes on from there; the next `since` is the server's clock (its `Date`)
   * when the first page was read, less a margin.
   */
  private async pullIncremental(path: string, stateKey: string, prefix: string): Promise<Step> {
    let state = (await readJson<PullState>(this.store, stateKey)) ?? {
      since: null,
      cursor: null,
      nextSince: null,
    };
    // A read of the whole list from its first page (no `since` yet): the copies it does
    // not bring are stale (left by an older app's full re-read) and go at its end.
    const seen = state.since === null && state.cursor === null ? new Set<string>() : null;
    for (;;) {
      const query = new URLSearchParams({ limit: String(PAGE) });
      if (state.since) query.set('updated_since', state.since);
      if (state.cursor) query.set('cursor', state.cursor);
      const outcome = await this.request('GET', `${path}&${query.toString()}`);
      if (outcome.kind !== 'ok') return this.pullFailed(outcome);
      const page = outcome.body as {
        items: { id: string; updated_at: string; deleted_at?: string | null }[];
        next_cursor?: string | null;
      };
      const nextSince = state.cursor ? state.nextSince : this.serverClock(outcome.headers);
      for (const record of page.items) {
        seen?.add(prefix + record.id);
        if (record.deleted_at) await this.store.remove(prefix + record.id);
        else await writeJson(this.store, prefix + record.id, record);
      }
      if (seen && !page.next_cursor) {
        for (const [key] of await this.store.entries(prefix)) {
          if (!seen.has(key)) await this.store.remove(key);
        }
      }
      state = page.next_cursor
        ? { since: state.since, cursor: page.next_cursor, nextSince }
        : { since: nextSince, cursor: null, nextSince: null };
      await writeJson(this.store, stateKey, state);
      this.notify();
      if (!page.next_cursor) return 'continue';
    }
  }

  private async pullSites(): Promise<Step> {
    const outcome = await this.request('GET', '/api/v1/sites?is_active=true&limit=200');
    if (outcome.kind !== 'ok') return this.pullFailed(outcome);
    await writeJson(this.store, SITES_KEY, (outcome.body as { items: unknown[] }).items);
    this.notify();
    return 'continue';
  }

  private pullFailed(outcome: Exclude<Outcome, { kind: 'ok' }>): Step {
    if (outcome.kind === 'unauthorized') return 'unauthorized';
    const error =
      outcome.kind === 'transient'
        ? outcome.error
        : `${outcome.problem.status} ${outcome.problem.code}: ${outcome.problem.detail}`;
    this.setStatus({ lastError: error });
    // A download refused (403: no right to the list) does not hold the queue.
    return outcome.kind === 'transient' ? 'transient' : 'continue';
  }

  private async mirrorIncident(detail: unknown) {
    const { people, actions, steps, transitions, investigation, ...incident } = detail as {
      id: string;
      people?: unknown;
      actions?: unknown;
      steps?: unknown;
      transitions?: unknown;
      investigation?: unknown;
    };
    void [people, actions, steps, transitions, investigation];
    await writeJson(this.store, INCIDENTS_PREFIX + incident.id, incident);
  }

  /** The server's time from its `Date` header, less the margin; the device's if absent. */
  private serverClock(headers: Headers): string {
    const date = Date.parse(headers.get('Date') ?? '');
    const clock = Number.isNaN(date) ? this.now() : date;
    return new Date(clock - SINCE_MARGIN_MS).toISOString();
  }

  // ---------------------------------------------------------------- plumbing

  private request(
    method: 'GET' | 'POST',
    path: string,
    {
      json,
      part,
      headers = {},
    }: { json?: unknown; part?: PhotoPart; headers?: Record<string, string> } = {},
  ): Promise<Outcome> {
    const controller = new AbortController();
    const all: Record<string, string> = { Accept: 'application/json', ...headers };
    const language = this.options.language?.();
    if (language) all['Accept-Language'] = language;
    let body: BodyInit | undefined;
    if (json !== undefined) {
      all['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (part) {
      const form = new FormData();
      if (part.filename === undefined) form.append('file', part.value);
      else form.append('file', part.value, part.filename);
      body = form;
    }
    const { baseUrl } = this.options;
    const request = new Request((typeof baseUrl === 'function' ? baseUrl() : baseUrl) + path, {
      method,
      headers: all,
      body,
      signal: controller.signal,
    });
    return exchange(
      this.options.fetch,
      request,
      this.timeoutMs,
      () => controller.abort(),
      this.now,
    );
  }

  private async save(item: OutboxItem) {
    await saveItem(this.store, item);
    this.notify();
  }

  private setStatus(change: Partial<EngineStatus>) {
    this.currentStatus = { ...this.currentStatus, ...change };
    this.notify();
  }

  private iso() {
    return new Date(this.now()).toISOString();
  }
}

/**
 * Whether a 409 `illegal_transition` says the record is in `state` already: its detail
 * names the current state first, in backticks (`The action is \`done\`: …`).
 */
export function alreadyIn(
  problem: { status: number; code: string; detail: string },
  state: string,
) {
  if (problem.status !== 409 || problem.code !== 'illegal_transition') return false;
  return /`([a-z_]+)`/.exec(problem.detail)?.[1] === state;
}
