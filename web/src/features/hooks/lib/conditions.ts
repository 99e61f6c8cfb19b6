/**
 * A hook's conditions as the builder shows them, and back to the server's JSON
 * (platform/hooks/conditions: an object whose keys all hold; a key is a dotted field
 * with a value to equal or an object of operators, or `all`/`any` with an array of
 * conditions, or `not`).
 *
 * The builder holds a group (`all` or `any`) of rows and groups. Rows keep the
 * operator as written (`>=` or `gte`), so hand-written JSON survives a trip through
 * the builder. `not` and unknown operators have no row: such documents stay JSON-only.
 */

import { allows, type JsonKind, type SchemaField } from './schema-fields';

export const OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'not_in',
  'contains',
  'exists',
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Every way the server accepts an operator to be written. */
const WRITTEN: Record<string, Operator> = {
  eq: 'eq',
  '==': 'eq',
  ne: 'ne',
  '!=': 'ne',
  gt: 'gt',
  '>': 'gt',
  gte: 'gte',
  '>=': 'gte',
  lt: 'lt',
  '<': 'lt',
  lte: 'lte',
  '<=': 'lte',
  in: 'in',
  not_in: 'not_in',
  contains: 'contains',
  exists: 'exists',
};

/** How the builder writes an operator it created (the seed's style). */
const DEFAULT_TOKEN: Record<Operator, string> = {
  eq: '==',
  ne: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  in: 'in',
  not_in: 'not_in',
  contains: 'contains',
  exists: 'exists',
};

export type ConditionRow = {
  kind: 'row';
  id: string;
  /** Dotted path; empty while the user has not picked one. */
  field: string;
  op: Operator;
  /** The operand (`undefined` while not filled in). */
  value: unknown;
  /** The operator as written in JSON; absent for a plain `{"field": value}` equality. */
  token?: string;
};

export type ConditionGroup = {
  kind: 'group';
  id: string;
  mode: 'all' | 'any';
  items: ConditionItem[];
};

export type ConditionItem = ConditionRow | ConditionGroup;

let lastId = 0;
export const newId = () => `c${++lastId}`;

export const emptyGroup = (mode: 'all' | 'any' = 'all'): ConditionGroup => ({
  kind: 'group',
  id: newId(),
  mode,
  items: [],
});

export const newRow = (field = '', op: Operator = 'eq', value?: unknown): ConditionRow => ({
  kind: 'row',
  id: newId(),
  field,
  op,
  value,
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a document cannot be shown in the builder (it stays editable as JSON). */
export class NotBuildable extends Error {
  constructor(readonly reason: 'not' | 'operator' | 'shape') {
    super(reason);
    this.name = 'NotBuildable';
  }
}

function parseField(field: string, operand: unknown): ConditionRow[] {
  if (!isPlainObject(operand)) return [newRow(field, 'eq', operand)];
  const entries = Object.entries(operand);
  if (entries.length === 0) throw new NotBuildable('shape');
  return entries.map(([token, value]) => {
    const op = WRITTEN[token];
    if (!op) throw new NotBuildable('operator');
    return { ...newRow(field, op, value), token };
  });
}

/** The keys of one condition object, each an item of an implicit `all`. */
function parseObject(document: Record<string, unknown>): ConditionItem[] {
  const items: ConditionItem[] = [];
  for (const [key, operand] of Object.entries(document)) {
    if (key === 'not') throw new NotBuildable('not');
    if (key === 'all' || key === 'any') {
      if (!Array.isArray(operand)) throw new NotBuildable('shape');
      items.push({ kind: 'group', id: newId(), mode: key, items: operand.map(parseElement) });
    } else {
      items.push(...parseField(key, operand));
    }
  }
  return items;
}

/** An element of an `all`/`any` array: one row, or a group of what it holds. */
function parseElement(element: unknown): ConditionItem {
  if (!isPlainObject(element)) throw new NotBuildable('shape');
  const items = parseObject(element);
  if (items.length === 1 && items[0]) return items[0];
  return { kind: 'group', id: newId(), mode: 'all', items };
}

/**
 * The builder's model of a `conditions` document. `null` (no condition) is an empty
 * `all`. Throws `NotBuildable` for what the builder cannot show.
 */
export function fromJson(document: unknown): ConditionGroup {
  if (document === null || document === undefined) return emptyGroup();
  if (!isPlainObject(document)) throw new NotBuildable('shape');
  const items = parseObject(document);
  const only = items.length === 1 ? items[0] : undefined;
  // `{"any": […]}` alone is the top group itself.
  if (only?.kind === 'group') return only;
  return { kind: 'group', id: newId(), mode: 'all', items };
}

/** Whether a row is filled in enough to be written. */
export function isComplete(row: ConditionRow) {
  if (row.field.trim() === '' || row.value === undefined) return false;
  // `in []` never holds and `not_in []` always does: surely not what was meant.
  return !(
    (row.op === 'in' || row.op === 'not_in') &&
    Array.isArray(row.value) &&
    row.value.length === 0
  );
}

/** A group with nothing complete inside it is left out of the JSON. */
function hasContent(item: ConditionItem): boolean {
  return item.kind === 'row' ? isComplete(item) : item.items.some(hasContent);
}

function rowToken(row: ConditionRow) {
  return row.token && WRITTEN[row.token] === row.op ? row.token : DEFAULT_TOKEN[row.op];
}

/** A plain equality (`{"field": value}`) unless the value is an object, which needs `eq`. */
function isImplicit(row: ConditionRow) {
  return row.op === 'eq' && row.token === undefined && !isPlainObject(row.value);
}

/** Where each item landed in the JSON (`conditions.amount.>=`), for the server's errors. */
export type ConditionPaths = { path: string; id: string }[];

function rowJson(row: ConditionRow, at: string, paths: ConditionPaths): Record<string, unknown> {
  const fieldAt = `${at}.${row.field}`;
  if (isImplicit(row)) {
    paths.push({ path: fieldAt, id: row.id });
    return { [row.field]: row.value };
  }
  const token = rowToken(row);
  paths.push({ path: `${fieldAt}.${token}`, id: row.id }, { path: fieldAt, id: row.id });
  return { [row.field]: { [token]: row.value } };
}

/**
 * An `all` group as one object when its keys do not clash (`{"a": 1, "b": {">": 2}}`,
 * several operators of one field merged); else `null`.
 */
function mergedAll(items: ConditionItem[], at: string, paths: ConditionPaths) {
  const merged: Record<string, unknown> = {};
  const found: ConditionPaths = [];
  for (const item of items) {
    if (item.kind === 'group') {
      if (item.mode in merged) return null;
      found.push({ path: `${at}.${item.mode}`, id: item.id });
      merged[item.mode] = groupItems(item, `${at}.${item.mode}`, found);
      continue;
    }
    const written = rowJson(item, at, found)[item.field];
    const existing = merged[item.field];
    if (existing === undefined) {
      merged[item.field] = written;
    } else if (isPlainObject(existing) && isPlainObject(written) && !isImplicit(item)) {
      const token = rowToken(item);
      if (token in existing || Object.keys(existing).some((t) => WRITTEN[t] === item.op)) {
        return null;
      }
      existing[token] = written[token];
    } else {
      return null;
    }
  }
  paths.push(...found);
  return merged;
}

function groupItems(group: ConditionGroup, at: string, paths: ConditionPaths) {
  return group.items.filter(hasContent).map((item, i) => itemJson(item, `${at}[${i}]`, paths));
}

function itemJson(item: ConditionItem, at: string, paths: ConditionPaths): unknown {
  if (item.kind === 'row') return rowJson(item, at, paths);
  return groupJson(item, at, paths);
}

function groupJson(group: ConditionGroup, at: string, paths: ConditionPaths) {
  const items = group.items.filter(hasContent);
  if (group.mode === 'all') {
    const merged = mergedAll(items, at, paths);
    if (merged) return merged;
  }
  paths.push({ path: `${at}.${group.mode}`, id: group.id });
  return { [group.mode]: groupItems(group, `${at}.${group.mode}`, paths) };
}

/**
 * The `conditions` document of the builder's model (`null` when nothing is filled in),
 * and where each row and group lands in it. Incomplete rows and empty groups are left
 * out (an empty `any` would never match).
 */
export function toJsonWithPaths(root: ConditionGroup): {
  document: Record<string, unknown> | null;
  paths: ConditionPaths;
} {
  const paths: ConditionPaths = [];
  if (!hasContent(root)) return { document: null, paths };
  const document = groupJson(root, 'conditions', paths);
  paths.push({ path: 'conditions', id: root.id });
  return { document, paths };
}

export function toJson(root: ConditionGroup) {
  return toJsonWithPaths(root).document;
}

/** The operators that make sense for a field of these kinds (as the server checks them). */
export function operatorsFor(field: SchemaField | undefined): Operator[] {
  if (!field || field.kinds.length === 0) return [...OPERATORS];
  const kinds = (...wanted: JsonKind[]) => wanted.some((kind) => allows(field, kind));
  return OPERATORS.filter((op) => {
    switch (op) {
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return kinds('number', 'string') && !field.enum;
      case 'contains':
        return kinds('array', 'string');
      case 'eq':
      case 'ne':
      case 'in':
      case 'not_in':
        return !(field.kinds.length === 1 && field.kinds[0] === 'object');
      default:
        return true;
    }
  });
}

/** A starting value when a row's field or operator changes. */
export function defaultValue(field: SchemaField | undefined, op: Operator): unknown {
  if (op === 'exists') return true;
  if (op === 'in' || op === 'not_in') return [];
  if (!field) return undefined;
  if (field.enum && field.enum.length > 0 && op !== 'contains') return field.enum[0];
  if (field.kinds.length === 1 && field.kinds[0] === 'boolean') return true;
  return undefined;
}

/** Replaces the item `id` anywhere in the tree (`null` removes it). */
export function updateItem(
  group: ConditionGroup,
  id: string,
  change: (item: ConditionItem) => ConditionItem | null,
): ConditionGroup {
  const items: ConditionItem[] = [];
  for (const item of group.items) {
    const next = item.id === id ? change(item) : item;
    if (next === null) continue;
    items.push(next.kind === 'group' && next.id !== id ? updateItem(next, id, change) : next);
  }
  return { ...group, items };
}

/** Every incomplete row of the tree (a field or a value missing). */
export function incompleteRows(group: ConditionGroup): string[] {
  return group.items.flatMap((item) =>
    item.kind === 'group' ? incompleteRows(item) : isComplete(item) ? [] : [item.id],
  );
}
