import { newRow, toJsonWithPaths, type ConditionGroup } from './conditions';
import { controlFor, controlKey } from './error-paths';

describe('422 path → control', () => {
  it('maps the hook’s own fields', () => {
    expect(controlFor('name', 'length', null)).toEqual({ area: 'name' });
    expect(controlFor('event', 'unknown_event', null)).toEqual({ area: 'event' });
    expect(controlFor('priority', 'range', null)).toEqual({ area: 'priority' });
  });

  it('maps an action’s config keys, its type, and the list', () => {
    expect(controlFor('actions[0].config.title', 'invalid_template', null)).toEqual({
      area: 'action',
      index: 0,
      control: 'title',
    });
    expect(controlFor('actions[12].config.recipients', 'invalid_recipient', null)).toEqual({
      area: 'action',
      index: 12,
      control: 'recipients',
    });
    expect(controlFor('actions[1].type', 'unknown_action', null)).toEqual({
      area: 'action',
      index: 1,
      control: 'type',
    });
    expect(controlFor('actions[2]', 'x', null)).toEqual({ area: 'action', index: 2 });
    expect(controlFor('actions', 'length', null)).toEqual({ area: 'actions' });
  });

  it('maps a create_task action’s task and params', () => {
    expect(controlFor('actions[0].config.task', 'unknown_task', null)).toEqual({
      area: 'action',
      index: 0,
      control: 'task',
    });
    expect(controlFor('actions[3].config.params', 'invalid_params', null)).toEqual({
      area: 'action',
      index: 3,
      control: 'params',
    });
    const hours = controlFor('actions[1].config.params.hours', 'range', null);
    expect(hours).toEqual({ area: 'action', index: 1, control: 'params.hours' });
    expect(controlKey(hours)).toBe('action:1:params.hours');
  });

  it('maps a written email’s subject and body per language', () => {
    const subject = controlFor('actions[0].config.subject.fr', 'invalid_template', null);
    expect(subject).toEqual({ area: 'action', index: 0, control: 'subject.fr' });
    expect(controlKey(subject)).toBe('action:0:subject.fr');
    expect(controlFor('actions[2].config.body.en', 'required', null)).toEqual({
      area: 'action',
      index: 2,
      control: 'body.en',
    });
    // A single string, or a language the editor has no input for: the part as a whole.
    expect(controlFor('actions[0].config.body', 'invalid_template', null)).toMatchObject({
      control: 'body',
    });
    expect(controlFor('actions[0].config.subject.de', 'x', null)).toMatchObject({
      control: 'subject',
    });
    expect(controlFor('actions[0].config.template', 'unknown_template', null)).toMatchObject({
      control: 'template',
    });
  });

  describe('conditions', () => {
    const amount = { ...newRow('amount', 'gte', 1000), token: '>=' };
    const status = newRow('status', 'in', ['a', 'b']);
    const site = newRow('site.kind', 'eq', 'offshore');
    const root: ConditionGroup = {
      kind: 'group',
      id: 'root',
      mode: 'all',
      items: [amount, status, site],
    };
    const { paths } = toJsonWithPaths(root);
    const anyPaths = toJsonWithPaths({ ...root, mode: 'any' }).paths;

    it('puts an unknown field on the row’s field picker', () => {
      expect(controlFor('conditions.amount', 'unknown_field', paths)).toEqual({
        area: 'condition',
        id: amount.id,
        part: 'field',
      });
      expect(controlFor('conditions.site.kind', 'unknown_field', paths)).toMatchObject({
        id: site.id,
        part: 'field',
      });
    });

    it('puts an operator or operand error on that row', () => {
      expect(controlFor('conditions.amount.>=', 'unknown_operator', paths)).toMatchObject({
        id: amount.id,
        part: 'operator',
      });
      expect(controlFor('conditions.status.in[1]', 'type_mismatch', paths)).toMatchObject({
        id: status.id,
        part: 'value',
      });
      expect(controlFor('conditions.any[1].status.in[0]', 'invalid_operand', anyPaths)).toEqual({
        area: 'condition',
        id: status.id,
        part: 'value',
      });
    });

    it('keeps a path the builder did not write, or typed JSON, for the whole section', () => {
      expect(controlFor('conditions', 'invalid_operand', paths)).toEqual({ area: 'conditions' });
      expect(controlFor('conditions.other', 'unknown_field', paths)).toEqual({
        area: 'conditions',
      });
      expect(controlFor('conditions.amount.>=', 'type_mismatch', null)).toEqual({
        area: 'conditions',
      });
    });
  });

  it('sends anything else to the form', () => {
    expect(controlFor('body', 'invalid', null)).toEqual({ area: 'form' });
  });

  it('gives each control a stable key', () => {
    expect(controlKey({ area: 'action', index: 0, control: 'title' })).toBe('action:0:title');
    expect(controlKey({ area: 'condition', id: 'c1', part: 'value' })).toBe('condition:c1:value');
    expect(controlKey({ area: 'name' })).toBe('name');
  });
});
