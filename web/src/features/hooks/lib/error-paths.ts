/**
 * Where a refused save's errors go: the API names each invalid field by its path in
 * the hook (`name`, `conditions.all[0].amount.>=`, `actions[1].config.title`), and the
 * editor shows the message beside the control that wrote it.
 */

import type { ConditionPaths } from './conditions';

export type Control =
  | { area: 'name' | 'event' | 'priority' | 'is_active' }
  /** A row or group of the builder (by id), and which part of a row is at fault. */
  | { area: 'condition'; id: string; part: 'field' | 'operator' | 'value' }
  /** The conditions as a whole (the JSON view, or a path the builder did not write). */
  | { area: 'conditions' }
  /**
   * One action's control (`title`, `recipients`, `type`, a task's `params` or one of
   * them, `params.hours`, an email's `subject.fr`…), or the action as a whole.
   */
  | { area: 'action'; index: number; control?: string }
  /** The list of actions (none, or too many). */
  | { area: 'actions' }
  | { area: 'form' };

// A config key, or one level deeper where the editor has a control per entry: a
// task's params, a written email's subject and body per language.
const ACTION =
  /^actions\[(\d+)\](?:\.config\.(params\.[A-Za-z_]+|(?:subject|body)\.(?:fr|en)\b|[A-Za-z_]+)|\.(type|config))?/;

/** The builder item a path falls in: the longest written path it starts with. */
export function locateCondition(paths: ConditionPaths, field: string): string | undefined {
  let best: { path: string; id: string } | undefined;
  for (const entry of paths) {
    const within =
      field === entry.path ||
      field.startsWith(`${entry.path}.`) ||
      field.startsWith(`${entry.path}[`);
    if (within && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best?.id;
}

function conditionPart(code: string): 'field' | 'operator' | 'value' {
  if (code === 'unknown_field') return 'field';
  if (code === 'unknown_operator') return 'operator';
  return 'value';
}

/**
 * The control for one `errors[]` entry. `paths` says where the builder wrote each row;
 * leave it out when the conditions were sent as typed in the JSON view.
 */
export function controlFor(field: string, code: string, paths: ConditionPaths | null): Control {
  if (field === 'name' || field === 'event' || field === 'priority' || field === 'is_active') {
    return { area: field };
  }
  if (
    field === 'conditions' ||
    field.startsWith('conditions.') ||
    field.startsWith('conditions[')
  ) {
    const id = paths ? locateCondition(paths, field) : undefined;
    const root = paths?.find((entry) => entry.path === 'conditions')?.id;
    if (!id || id === root) return { area: 'conditions' };
    return { area: 'condition', id, part: conditionPart(code) };
  }
  const action = ACTION.exec(field);
  if (action) {
    const index = Number(action[1]);
    const control = action[2] ?? action[3];
    return control ? { area: 'action', index, control } : { area: 'action', index };
  }
  if (field === 'actions') return { area: 'actions' };
  return { area: 'form' };
}

/** A stable key for a control, to keep its message in a map. */
export function controlKey(control: Control): string {
  switch (control.area) {
    case 'condition':
      return `condition:${control.id}:${control.part}`;
    case 'action':
      return control.control
        ? `action:${control.index}:${control.control}`
        : `action:${control.index}`;
    default:
      return control.area;
  }
}
