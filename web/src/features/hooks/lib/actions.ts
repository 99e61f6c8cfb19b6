/**
 * A hook's actions as the editor holds them: the server's `{type, config}` with an id
 * for React. Each type's editor reads and writes `config` keys; keys it does not know
 * are kept as they were.
 */

export const ACTION_TYPES = [
  'send_notification',
  'send_email',
  'call_webhook',
  'create_task',
  'execute_code',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const CATEGORIES = [
  'system',
  'security',
  'hse',
  'action',
  'comment',
  'mention',
  'update',
  'digest',
  'calendar',
] as const;
export const CHANNELS = ['in_app', 'email', 'sms', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

export type Config = Record<string, unknown>;

export type ActionDraft = {
  id: string;
  type: string;
  config: Config;
  /** `create_task` params as typed in the JSON editor (kept even while not valid JSON). */
  paramsText?: string | undefined;
};

/** The template a new `send_email` action starts with. */
export const DEFAULT_EMAIL_TEMPLATE = 'notification_email';

let lastId = 0;
const newId = () => `a${++lastId}`;

export const SAMPLE_SCRIPT = `// \`event\` is what the hook sees; return the actions to run.
if event.event != "" {
  [#{
    type: "send_notification",
    config: #{
      recipients: "role:admin",
      title: "Event " + event.event,
      message: "Sent by a script."
    }
  }]
} else {
  []
}`;

/** A new action of `type`, filled in enough to show its editor. */
export function newAction(type: ActionType): ActionDraft {
  const config: Record<ActionType, Config> = {
    send_notification: {
      recipients: [],
      title: '',
      message: '',
      category: 'system',
      priority: 1,
    },
    send_email: { template: DEFAULT_EMAIL_TEMPLATE, recipients: [] },
    call_webhook: { endpoint_id: '' },
    create_task: { task: '', params: {} },
    execute_code: { code: SAMPLE_SCRIPT },
  };
  return { id: newId(), type, config: config[type] };
}

/** The editor's copy of a saved action (anything that is not `{type, config}` is kept in config). */
export function fromSaved(value: unknown): ActionDraft {
  const action = typeof value === 'object' && value !== null ? (value as Config) : {};
  const config = action.config;
  return {
    id: newId(),
    type: typeof action.type === 'string' ? action.type : '',
    config: typeof config === 'object' && config !== null ? { ...(config as Config) } : {},
  };
}

/** What the server stores: optional texts left empty are left out. */
export function toSaved(action: ActionDraft): { type: string; config: Config } {
  const config: Config = {};
  for (const [key, value] of Object.entries(action.config)) {
    if (key === 'link' && value === '') continue;
    if (key === 'channels' && Array.isArray(value) && value.length === 0) continue;
    config[key] = value;
  }
  return { type: action.type, config };
}

/** `recipients` as a list (the server takes one string or a list of them). */
export function recipientList(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value] : [];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

export type RecipientKind = 'user' | 'role' | 'group' | 'field';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a recipient expression names: `role:hse_manager`, `group:Night shift`, `field:actor.user_id`, a user id. */
export function parseRecipient(text: string): { kind: RecipientKind; name: string } | null {
  const trimmed = text.trim();
  for (const kind of ['role', 'group', 'field'] as const) {
    if (trimmed.startsWith(`${kind}:`)) {
      const name = trimmed.slice(kind.length + 1).trim();
      return name ? { kind, name } : null;
    }
  }
  return UUID.test(trimmed) ? { kind: 'user', name: trimmed } : null;
}

/** The `{field}` placeholders of an action text (`{{` and `}}` are literal braces). */
export function placeholdersOf(text: string): string[] {
  const found: string[] = [];
  const pattern = /\{\{|\}\}|\{([^{}]*)\}/g;
  for (const match of text.matchAll(pattern)) {
    const name = match[1]?.trim();
    if (name) found.push(name);
  }
  return found;
}

/**
 * `text` with `{path}` put in place of the selection `[start, end)`, and where the
 * caret goes after it.
 */
export function insertPlaceholder(text: string, path: string, start: number, end = start) {
  const placeholder = `{${path}}`;
  return {
    text: text.slice(0, start) + placeholder + text.slice(end),
    caret: start + placeholder.length,
  };
}
