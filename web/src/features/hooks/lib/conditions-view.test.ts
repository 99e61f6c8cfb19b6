import { newRow } from './conditions';
import { documentOf, initialView, withRoot, withText, withView } from './conditions-view';

describe('conditions editor: builder and JSON in sync', () => {
  it('opens a buildable document in the builder', () => {
    const state = initialView({ amount: { '>=': 1000 } });
    expect(state.view).toBe('builder');
    expect(state.root.items).toHaveLength(1);
  });

  it('opens what the builder cannot show in the JSON view', () => {
    const state = initialView({ not: { severity: 'low' } });
    expect(state.view).toBe('json');
    expect(state.issue).toEqual({ kind: 'not_buildable', reason: 'not' });
    // Sent as typed.
    expect(documentOf(state)).toEqual({
      ok: true,
      document: { not: { severity: 'low' } },
      paths: null,
    });
  });

  it('writes the builder’s changes into the JSON', () => {
    const state = withRoot(initialView(null), {
      kind: 'group',
      id: 'r',
      mode: 'all',
      items: [newRow('status', 'eq', 'invited')],
    });
    expect(JSON.parse(withView(state, 'json').text)).toEqual({ status: 'invited' });
  });

  it('reads typed JSON back into the builder', () => {
    const json = withView(initialView(null), 'json');
    const typed = withText(json, '{"any": [{"locale": "fr"}, {"amount": {"<": 3}}]}');
    expect(typed.issue).toBeNull();
    const back = withView(typed, 'builder');
    expect(back.view).toBe('builder');
    expect(back.root.mode).toBe('any');
    expect(documentOf(back)).toMatchObject({
      ok: true,
      document: { any: [{ locale: 'fr' }, { amount: { '<': 3 } }] },
    });
  });

  it('keeps invalid JSON in the JSON view and refuses to send it', () => {
    const typed = withText(withView(initialView(null), 'json'), '{"severity": ');
    expect(typed.issue?.kind).toBe('invalid');
    expect(withView(typed, 'builder').view).toBe('json');
    expect(documentOf(typed).ok).toBe(false);
    expect(withText(typed, '[1]').issue).toEqual({ kind: 'not_object' });
  });

  it('reads an empty text as no condition', () => {
    const typed = withText(withView(initialView({ a: 1 }), 'json'), '  ');
    expect(documentOf(typed)).toEqual({ ok: true, document: null, paths: null });
    expect(withView(typed, 'builder').root.items).toEqual([]);
  });
});
