/**
 * The fields a hook can test or quote, read from its event's JSON schema
 * (`GET /hooks/events`: the event's data plus `actor`, `company_id`, `event`,
 * `event_id`). Read the way the server checks conditions (platform/hooks/conditions/
 * schema.rs): types from `type` (a name or a list), else from `enum`, else `properties`
 * means an object; `$ref` and `allOf`/`anyOf`/`oneOf` are not followed.
 */

export type JsonKind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export type Scalar = string | number | boolean | null;

export type SchemaField = {
  /** Dotted path from the context's root: `actor.user_id`. */
  path: string;
  /** How deep it sits (0 for a top-level field), to indent pickers. */
  depth: number;
  /** The JSON types it may hold; empty means any. `integer` counts as `number`. */
  kinds: JsonKind[];
  /** Declared `integer`: the value input steps by whole numbers. */
  integer: boolean;
  enum?: Scalar[];
  format?: string;
  description?: string;
  example?: unknown;
  /** For arrays: what the items are (for `contains`). */
  items?: { kinds: JsonKind[]; enum?: Scalar[]; format?: string };
  /** A map (`additionalProperties` is a schema): any key below it is accepted. */
  open: boolean;
};

type Schema = Record<string, unknown>;

const ALL_KINDS: JsonKind[] = ['null', 'boolean', 'number', 'string', 'array', 'object'];

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindNamed(name: unknown): JsonKind[] {
  switch (name) {
    case 'integer':
    case 'number':
      return ['number'];
    case 'null':
    case 'boolean':
    case 'string':
    case 'array':
    case 'object':
      return [name];
    default:
      return ALL_KINDS;
  }
}

/** The JSON kind of a value. */
export function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

/** The kinds a schema allows; `[]` when it allows anything. */
export function kindsOf(schema: unknown): JsonKind[] {
  if (!isObject(schema)) return [];
  const { type } = schema;
  let kinds: JsonKind[];
  if (typeof type === 'string') kinds = kindNamed(type);
  else if (Array.isArray(type)) kinds = type.flatMap(kindNamed);
  else if (Array.isArray(schema.enum)) kinds = schema.enum.map(kindOf);
  else if (isObject(schema.properties)) kinds = ['object'];
  else return [];
  const unique = ALL_KINDS.filter((kind) => kinds.includes(kind));
  return unique.length === ALL_KINDS.length ? [] : unique;
}

function scalarEnum(schema: Schema): Scalar[] | undefined {
  if (!Array.isArray(schema.enum)) return undefined;
  return schema.enum.filter(
    (value): value is Scalar => value === null || typeof value !== 'object',
  );
}

function isInteger(schema: Schema) {
  const { type } = schema;
  return type === 'integer' || (Array.isArray(type) && type.includes('integer'));
}

function fieldOf(path: string, depth: number, schema: Schema): SchemaField {
  const field: SchemaField = {
    path,
    depth,
    kinds: kindsOf(schema),
    integer: isInteger(schema),
    open: isObject(schema.additionalProperties),
  };
  const values = scalarEnum(schema);
  if (values) field.enum = values;
  if (typeof schema.format === 'string') field.format = schema.format;
  if (typeof schema.description === 'string') field.description = schema.description;
  if ('example' in schema) field.example = schema.example;
  if (isObject(schema.items)) {
    const itemValues = scalarEnum(schema.items);
    const { format } = schema.items;
    field.items = {
      kinds: kindsOf(schema.items),
      ...(itemValues ? { enum: itemValues } : {}),
      ...(typeof format === 'string' ? { format } : {}),
    };
  }
  return field;
}

/**
 * Every field of a context schema, parents before their children, in the schema's
 * order (the server lists them alphabetically): `actor`, `actor.api_token_id`, …
 */
export function schemaFields(schema: unknown, maxDepth = 6): SchemaField[] {
  const fields: SchemaField[] = [];
  const walk = (node: unknown, prefix: string, depth: number) => {
    if (!isObject(node) || !isObject(node.properties) || depth > maxDepth) return;
    for (const [name, child] of Object.entries(node.properties)) {
      if (!isObject(child)) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      fields.push(fieldOf(path, depth, child));
      walk(child, path, depth + 1);
    }
  };
  walk(schema, '', 0);
  return fields;
}

/**
 * The field at `path`, also below a map (`payload.severity` under an open `payload`,
 * whose items are then of any type), or `undefined` when the schema has no such field.
 */
export function findField(fields: SchemaField[], path: string): SchemaField | undefined {
  const exact = fields.find((field) => field.path === path);
  if (exact) return exact;
  const parent = fields.find((field) => field.open && path.startsWith(`${field.path}.`));
  if (!parent) return undefined;
  return { path, depth: parent.depth + 1, kinds: [], integer: false, open: false };
}

/** Whether a field may hold `kind` (a field of any type may hold anything). */
export function allows(field: SchemaField, kind: JsonKind) {
  return field.kinds.length === 0 || field.kinds.includes(kind);
}

/** Fields worth quoting in a text (`{full_name}`): not objects or arrays. */
export function templateFields(fields: SchemaField[]) {
  return fields.filter(
    (field) =>
      field.kinds.length === 0 ||
      field.kinds.some((kind) => kind !== 'object' && kind !== 'array' && kind !== 'null'),
  );
}

/** Fields that can name people for `field:<path>` recipients: user ids, or lists of them. */
export function recipientFields(fields: SchemaField[]) {
  return fields.filter(
    (field) =>
      (field.format === 'uuid' && allows(field, 'string')) ||
      (allows(field, 'array') && field.items?.format === 'uuid'),
  );
}
