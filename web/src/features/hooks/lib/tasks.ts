/**
 * `create_task` actions: `{task: "<name>", params: {…}}`. The tasks come from the
 * server's catalogue (`GET /hooks/tasks`); `webhooks.replay_failed` gets a form of its
 * own, any other task has its params typed as a JSON object.
 */

import type { Config } from './actions';

export const REPLAY_FAILED = 'webhooks.replay_failed';
export const HOURS_MIN = 1;
export const HOURS_MAX = 720;
export const HOURS_DEFAULT = 24;

export type TaskInfo = { name: string; label_fr: string; label_en: string };

/** A task's label in the UI's language; its name when the catalogue does not have it. */
export function taskLabel(tasks: readonly TaskInfo[] | undefined, name: string, language: string) {
  const found = tasks?.find((task) => task.name === name);
  if (!found) return name;
  return language.startsWith('en') ? found.label_en : found.label_fr;
}

/** Params as an object (the server takes a missing `params` as `{}`). */
export function paramsOf(config: Config): Config {
  const params = config.params;
  return typeof params === 'object' && params !== null && !Array.isArray(params)
    ? (params as Config)
    : {};
}

/** Params as the JSON editor first shows them. */
export function paramsText(params: unknown): string {
  const value =
    typeof params === 'object' && params !== null && !Array.isArray(params) ? params : {};
  return Object.keys(value).length === 0 ? '{}' : JSON.stringify(value, null, 2);
}

export type ParsedParams =
  { ok: true; value: Config } | { ok: false; reason: 'invalid_json' | 'not_object' };

/** Typed params: a JSON object, or why not. An empty text is `{}`. */
export function parseParams(text: string): ParsedParams {
  if (!text.trim()) return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'invalid_json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not_object' };
  }
  return { ok: true, value: value as Config };
}

/** The hours input's text for `webhooks.replay_failed` (empty: the server's default). */
export function hoursText(params: Config): string {
  const hours = params.hours;
  if (typeof hours === 'number' || typeof hours === 'string') return String(hours);
  return '';
}

/** Params with `hours` as typed: a number when it is one, left out when empty. */
export function withHours(params: Config, text: string): Config {
  const rest = { ...params };
  delete rest.hours;
  const trimmed = text.trim();
  if (!trimmed) return rest;
  const number = Number(trimmed);
  return { ...rest, hours: Number.isFinite(number) ? number : trimmed };
}

/**
 * What the server would refuse for sure in one `create_task` action, before sending:
 * controls (`task`, `params`, `params.endpoint_id`, `params.hours`) → i18n keys of the
 * `hooks` namespace. `typed` is the JSON editor's text, when the params are typed.
 */
export function checkTask(config: Config, typed: string | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  const task = typeof config.task === 'string' ? config.task : '';
  if (!task) {
    errors.task = 'codes.required';
    return errors;
  }
  if (task === REPLAY_FAILED) {
    const params = paramsOf(config);
    if (typeof params.endpoint_id !== 'string' || !params.endpoint_id) {
      errors['params.endpoint_id'] = 'codes.required';
    }
    if (params.hours !== undefined) {
      const hours = params.hours;
      if (
        typeof hours !== 'number' ||
        !Number.isInteger(hours) ||
        hours < HOURS_MIN ||
        hours > HOURS_MAX
      ) {
        errors['params.hours'] = 'codes.hours';
      }
    }
    return errors;
  }
  if (typed !== undefined) {
    const parsed = parseParams(typed);
    if (!parsed.ok) {
      errors.params =
        parsed.reason === 'invalid_json' ? 'codes.params_json' : 'codes.params_object';
    }
  }
  return errors;
}

/**
 * Where the server's `invalid_params` goes: for a task with a form, the field its
 * message names first (`` `hours` must be 1 to 720 `` → `params.hours`); else the params
 * as a whole.
 */
export function paramsControl(task: string, message: string): string {
  if (task !== REPLAY_FAILED) return 'params';
  const named = /`([A-Za-z_]+)`/.exec(message)?.[1];
  return named === 'endpoint_id' || named === 'hours' ? `params.${named}` : 'params';
}
