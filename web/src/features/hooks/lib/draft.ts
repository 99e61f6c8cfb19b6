/**
 * The hook editor's draft: what the form holds between saves, its checks before
 * sending, and the body it sends.
 */

import type { HookInput } from '../api/save-hook';
import { fromSaved, newAction, toSaved, type ActionDraft } from './actions';
import type { ConditionPaths } from './conditions';
import { incompleteRows } from './conditions';
import { checkEmail } from './email';
import { checkTask } from './tasks';
import { documentOf, initialView, type ConditionsView } from './conditions-view';

export type Draft = {
  name: string;
  event: string;
  is_active: boolean;
  /** As typed. */
  priority: string;
  conditions: ConditionsView;
  actions: ActionDraft[];
};

type Saved = Pick<
  HookInput,
  'name' | 'event' | 'is_active' | 'conditions' | 'actions' | 'priority'
>;

/** A saved hook's draft, or a new one (active, one notification to fill in). */
export function draftOf(hook: Saved | undefined, event = ''): Draft {
  if (!hook) {
    return {
      name: '',
      event,
      is_active: true,
      priority: '0',
      conditions: initialView(null),
      actions: [newAction('send_notification')],
    };
  }
  return {
    name: hook.name,
    event: hook.event,
    is_active: hook.is_active ?? true,
    priority: String(hook.priority ?? 0),
    conditions: initialView(hook.conditions ?? null),
    actions: hook.actions.map(fromSaved),
  };
}

export type DraftCheck =
  | { ok: true; input: HookInput; paths: ConditionPaths | null }
  | {
      ok: false;
      /** Control keys (as `error-paths.ts` names them) → i18n keys of the `hooks` namespace. */
      errors: Record<string, string>;
      incomplete: string[];
    };

/** Per action type, what its config misses for sure: controls → i18n keys. */
const ACTION_CHECKS: Partial<Record<string, (action: ActionDraft) => Record<string, string>>> = {
  create_task: (action) => checkTask(action.config, action.paramsText),
  send_email: (action) => checkEmail(action.config),
};

/** What the server would refuse for sure, caught before sending; else the body. */
export function checkDraft(draft: Draft): DraftCheck {
  const errors: Record<string, string> = {};
  if (!draft.name.trim()) errors.name = 'codes.required';
  if (!draft.event) errors.event = 'codes.required';
  const priority = Number(draft.priority.trim() || '0');
  if (!Number.isInteger(priority) || Math.abs(priority) > 2_147_483_647) {
    errors.priority = 'codes.integer';
  }
  if (draft.actions.length === 0) errors.actions = 'actions.none';
  draft.actions.forEach((action, index) => {
    const check = ACTION_CHECKS[action.type];
    if (!check) return;
    for (const [control, message] of Object.entries(check(action))) {
      errors[`action:${index}:${control}`] = message;
    }
  });
  const incomplete =
    draft.conditions.view === 'builder' ? incompleteRows(draft.conditions.root) : [];
  const conditions = documentOf(draft.conditions);
  if (!conditions.ok) errors.conditions = 'codes.invalid_json';
  if (Object.keys(errors).length > 0 || incomplete.length > 0 || !conditions.ok) {
    return { ok: false, errors, incomplete };
  }
  return {
    ok: true,
    paths: conditions.paths,
    input: {
      name: draft.name.trim(),
      event: draft.event,
      is_active: draft.is_active,
      priority,
      conditions: conditions.document as HookInput['conditions'],
      actions: draft.actions.map(toSaved) as unknown as HookInput['actions'],
    },
  };
}
