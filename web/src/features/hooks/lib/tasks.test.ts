import { newAction } from './actions';
import { checkDraft, draftOf } from './draft';
import {
  checkTask,
  hoursText,
  paramsControl,
  paramsOf,
  paramsText,
  parseParams,
  REPLAY_FAILED,
  taskLabel,
  withHours,
} from './tasks';

const ENDPOINT = '0193a5f0-0000-7000-8000-000000000000';

describe('create_task', () => {
  it('labels a task in the UI’s language, or by its name when unknown', () => {
    const tasks = [{ name: REPLAY_FAILED, label_fr: 'Renvoyer', label_en: 'Send again' }];
    expect(taskLabel(tasks, REPLAY_FAILED, 'fr')).toBe('Renvoyer');
    expect(taskLabel(tasks, REPLAY_FAILED, 'en')).toBe('Send again');
    expect(taskLabel(tasks, 'hse.close', 'en')).toBe('hse.close');
    expect(taskLabel(undefined, 'hse.close', 'fr')).toBe('hse.close');
  });

  it('reads params as an object', () => {
    expect(paramsOf({ params: { hours: 2 } })).toEqual({ hours: 2 });
    expect(paramsOf({ params: [1] })).toEqual({});
    expect(paramsOf({})).toEqual({});
    expect(paramsText({})).toBe('{}');
    expect(paramsText({ a: 1 })).toBe('{\n  "a": 1\n}');
  });

  it('parses typed params as a JSON object only', () => {
    expect(parseParams(' {"a": 1} ')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseParams('')).toEqual({ ok: true, value: {} });
    expect(parseParams('{"a": ')).toEqual({ ok: false, reason: 'invalid_json' });
    expect(parseParams('[1, 2]')).toEqual({ ok: false, reason: 'not_object' });
    expect(parseParams('null')).toEqual({ ok: false, reason: 'not_object' });
    expect(parseParams('"text"')).toEqual({ ok: false, reason: 'not_object' });
  });

  it('writes hours as a number, and leaves them out when empty', () => {
    const params = { endpoint_id: ENDPOINT, hours: 24 };
    expect(withHours(params, '48')).toEqual({ endpoint_id: ENDPOINT, hours: 48 });
    expect(withHours(params, ' ')).toEqual({ endpoint_id: ENDPOINT });
    expect(hoursText({ hours: 48 })).toBe('48');
    expect(hoursText({})).toBe('');
  });

  it('checks what the server would refuse for sure', () => {
    expect(checkTask({ task: '' }, undefined)).toEqual({ task: 'codes.required' });
    expect(checkTask({ task: REPLAY_FAILED, params: {} }, undefined)).toEqual({
      'params.endpoint_id': 'codes.required',
    });
    expect(
      checkTask({ task: REPLAY_FAILED, params: { endpoint_id: ENDPOINT } }, undefined),
    ).toEqual({});
    for (const hours of [0, 721, 1.5]) {
      expect(
        checkTask({ task: REPLAY_FAILED, params: { endpoint_id: ENDPOINT, hours } }, undefined),
      ).toEqual({ 'params.hours': 'codes.hours' });
    }
    expect(checkTask({ task: 'hse.close', params: {} }, '{"a": 1}')).toEqual({});
    expect(checkTask({ task: 'hse.close', params: {} }, '{"a": ')).toEqual({
      params: 'codes.params_json',
    });
    expect(checkTask({ task: 'hse.close', params: {} }, '[]')).toEqual({
      params: 'codes.params_object',
    });
  });

  it('places the server’s invalid_params by the field its message names', () => {
    expect(paramsControl(REPLAY_FAILED, '`hours` must be 1 to 720')).toBe('params.hours');
    expect(
      paramsControl(REPLAY_FAILED, "`endpoint_id` must be the id of one of the company's"),
    ).toBe('params.endpoint_id');
    expect(paramsControl(REPLAY_FAILED, 'something else')).toBe('params');
    expect(paramsControl('hse.close', '`hours` must be 1 to 720')).toBe('params');
  });

  it('stops a draft whose typed params are not an object, and sends the parsed ones', () => {
    const draft = draftOf(undefined, 'user.invited');
    const task = newAction('create_task');
    draft.name = 'Relancer';
    draft.actions = [{ ...task, config: { task: 'hse.close', params: {} }, paramsText: '[1]' }];
    const refused = checkDraft(draft);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors['action:0:params']).toBe('codes.params_object');

    draft.actions = [
      { ...task, config: { task: 'hse.close', params: { a: 1 } }, paramsText: '{"a": 1}' },
    ];
    const sent = checkDraft(draft);
    expect(sent.ok && sent.input.actions).toEqual([
      { type: 'create_task', config: { task: 'hse.close', params: { a: 1 } } },
    ]);
  });
});
