/**
 * The conditions editor's two views kept in sync: the builder's model and the JSON
 * text. Typing valid JSON the builder can show updates the model at once; JSON it
 * cannot show (`not`, an unknown operator) stays in the JSON view; invalid JSON is
 * reported and blocks the way back to the builder until fixed.
 */

import {
  emptyGroup,
  fromJson,
  NotBuildable,
  toJsonWithPaths,
  type ConditionGroup,
  type ConditionPaths,
} from './conditions';

export type JsonIssue =
  | { kind: 'invalid'; message: string }
  | { kind: 'not_object' }
  | { kind: 'not_buildable'; reason: NotBuildable['reason'] };

export type ConditionsView = {
  view: 'builder' | 'json';
  root: ConditionGroup;
  text: string;
  issue: JsonIssue | null;
};

const pretty = (document: unknown) =>
  document === null || document === undefined ? '' : JSON.stringify(document, null, 2);

/** The editor for a saved hook's `conditions`. */
export function initialView(document: unknown): ConditionsView {
  try {
    return { view: 'builder', root: fromJson(document), text: pretty(document), issue: null };
  } catch (error) {
    if (!(error instanceof NotBuildable)) throw error;
    return {
      view: 'json',
      root: emptyGroup(),
      text: pretty(document),
      issue: { kind: 'not_buildable', reason: error.reason },
    };
  }
}

/** The builder changed: the JSON follows. */
export function withRoot(state: ConditionsView, root: ConditionGroup): ConditionsView {
  return { ...state, root, text: pretty(toJsonWithPaths(root).document), issue: null };
}

/** The JSON was typed: the builder follows when it can. */
export function withText(state: ConditionsView, text: string): ConditionsView {
  if (text.trim() === '') return { ...state, text, root: emptyGroup(), issue: null };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ...state, text, issue: { kind: 'invalid', message: (error as Error).message } };
  }
  if (document !== null && (typeof document !== 'object' || Array.isArray(document))) {
    return { ...state, text, issue: { kind: 'not_object' } };
  }
  try {
    return { ...state, text, root: fromJson(document), issue: null };
  } catch (error) {
    if (!(error instanceof NotBuildable)) throw error;
    return { ...state, text, issue: { kind: 'not_buildable', reason: error.reason } };
  }
}

/** Switches views; the builder only when the JSON is something it can show. */
export function withView(state: ConditionsView, view: 'builder' | 'json'): ConditionsView {
  if (view === 'json')
    return { ...state, view, text: pretty(toJsonWithPaths(state.root).document) };
  return state.issue ? state : { ...state, view };
}

/**
 * What to send: the document, and where the builder wrote each row (`null` when the
 * JSON view's text is sent as typed); an issue when the JSON cannot be sent.
 */
export function documentOf(
  state: ConditionsView,
):
  | { ok: true; document: Record<string, unknown> | null; paths: ConditionPaths | null }
  | { ok: false; issue: JsonIssue } {
  if (state.view === 'builder') {
    const { document, paths } = toJsonWithPaths(state.root);
    return { ok: true, document, paths };
  }
  if (state.issue && state.issue.kind !== 'not_buildable') return { ok: false, issue: state.issue };
  if (state.text.trim() === '') return { ok: true, document: null, paths: null };
  return {
    ok: true,
    document: JSON.parse(state.text) as Record<string, unknown> | null,
    paths: null,
  };
}
