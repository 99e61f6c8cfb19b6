import type { components } from '../api/schema';

import { readAll, readJson, type Store, writeJson } from './store';

type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

/**
 * Where an item stands, as its badge shows it:
 * - `draft`: kept on the device only, not queued;
 * - `waiting`: queued, to be sent when the network allows (again after a failure);
 * - `sending`: being sent (left so by a crash: sent again on the next start);
 * - `sent`: the server acknowledged it;
 * - `attention`: the server refused it (409, 422…); not retried until the user acts.
 */
export type SyncState = 'draft' | 'waiting' | 'sending' | 'sent' | 'attention';

/** A photo taken on the device, uploaded before its item; `serverId` once it was. */
export type LocalPhoto = {
  /** Where the (already compressed) photo is: a `file://` URI on a device, a path in Node. */
  uri: string;
  name: string;
  type: string;
  width?: number;
  height?: number;
  serverId?: string;
};

/** A report: the incident as the API takes it, its photos sent first. */
export type IncidentPayload = Omit<Schemas['IncidentIn'], 'photo_ids'>;

/** "Mark done": an action's `complete` move with a note and evidence photos. */
export type ActionMovePayload = {
  actionId: string;
  /** What the action was called when the move was made, for the list. */
  actionLabel: string;
  move: 'complete';
  note: string | null;
};

type ItemBase = {
  id: string;
  /** Sent as `Idempotency-Key` on every try: one server record per item, whatever happens. */
  idempotencyKey: string;
  state: SyncState;
  createdAt: string;
  updatedAt: string;
  photos: LocalPhoto[];
  /** Failed tries since the last success or manual retry. */
  attempts: number;
  /** Not tried again before this time (ms since the epoch); null: at once. */
  nextAttemptAt: number | null;
  /** The last network or server failure that will be retried (for the item's detail). */
  lastError: string | null;
  /** Why the server refused it (`attention`): its problem document. */
  problem: Problem | null;
  /** The server's record, once `sent`. */
  result: { id: string; number: string; replayed: boolean } | null;
};

/**
 * The accuracy (metres) of the payload's GPS position, kept on the device only: the API's
 * `Coordinates` has no field for it. Absent on items saved before it was kept.
 */
type PositionAccuracy = { accuracy?: number | null };

export type IncidentItem = ItemBase & {
  kind: 'incident';
  payload: IncidentPayload;
} & PositionAccuracy;
export type ActionMoveItem = ItemBase & { kind: 'action_move'; payload: ActionMovePayload };
export type OutboxItem = IncidentItem | ActionMoveItem;

const PREFIX = 'outbox:';
const keyOf = (item: Pick<OutboxItem, 'createdAt' | 'id'>) =>
  `${PREFIX}${item.createdAt}:${item.id}`;

/** The outbox's items, oldest first (keys start with their creation time). */
export const listItems = (store: Store) => readAll<OutboxItem>(store, PREFIX);

export async function findItem(store: Store, id: string): Promise<OutboxItem | null> {
  const items = await listItems(store);
  return items.find((item) => item.id === id) ?? null;
}

export const saveItem = (store: Store, item: OutboxItem) => writeJson(store, keyOf(item), item);

/** Removes an item the server never saw (a draft, or one the user gives up on). */
export async function discardItem(store: Store, id: string) {
  const item = await findItem(store, id);
  if (!item) return;
  if (item.state === 'sending' || item.state === 'sent') {
    throw new Error(`item ${id} is ${item.state}: only the server's answer settles it`);
  }
  await store.remove(keyOf(item));
}

export type NewItem =
  | ({ kind: 'incident'; payload: IncidentPayload; photos: LocalPhoto[] } & PositionAccuracy)
  | { kind: 'action_move'; payload: ActionMovePayload; photos: LocalPhoto[] };

export type Clock = { now: () => number; newId: () => string };

/** A new item, queued (`waiting`) or kept as a `draft`; its idempotency key made once, here. */
export async function addItem(
  store: Store,
  input: NewItem,
  clock: Clock,
  state: 'draft' | 'waiting' = 'waiting',
): Promise<OutboxItem> {
  const at = new Date(clock.now()).toISOString();
  const item = {
    ...input,
    id: clock.newId(),
    idempotencyKey: clock.newId(),
    state,
    createdAt: at,
    updatedAt: at,
    photos: input.photos.map((photo) => ({ ...photo })),
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    problem: null,
    result: null,
  } as OutboxItem;
  await saveItem(store, item);
  return item;
}

/**
 * Changes a draft (or an item the server refused) before it is queued again. A refused
 * incident gets a new idempotency key when its content changes: the server keeps the
 * old key bound to the old body (409 `idempotency_key_reused`).
 */
export async function editItem(
  store: Store,
  id: string,
  change: { payload?: IncidentPayload; photos?: LocalPhoto[] } & PositionAccuracy,
  clock: Clock,
  state: 'draft' | 'waiting',
): Promise<OutboxItem> {
  const item = await findItem(store, id);
  if (!item || item.kind !== 'incident') throw new Error(`no incident item ${id}`);
  if (item.state !== 'draft' && item.state !== 'attention') {
    throw new Error(`item ${id} is ${item.state}: it can no longer change`);
  }
  const updated: IncidentItem = {
    ...item,
    payload: change.payload ?? item.payload,
    accuracy: change.accuracy === undefined ? item.accuracy : change.accuracy,
    photos: change.photos ?? item.photos,
    idempotencyKey: item.state === 'attention' ? clock.newId() : item.idempotencyKey,
    state,
    updatedAt: new Date(clock.now()).toISOString(),
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    problem: null,
  };
  await saveItem(store, updated);
  return updated;
}

/** Queues an item the server refused again, as it is (the user's "retry"). */
export async function retryItem(store: Store, id: string, clock: Clock) {
  const item = await findItem(store, id);
  if (!item || (item.state !== 'attention' && item.state !== 'draft')) return;
  await saveItem(store, {
    ...item,
    state: 'waiting',
    attempts: 0,
    nextAttemptAt: null,
    problem: null,
    updatedAt: new Date(clock.now()).toISOString(),
  });
}

export { readJson };
