import {
  fromSaved,
  insertPlaceholder,
  newAction,
  parseRecipient,
  placeholdersOf,
  recipientList,
  toSaved,
} from './actions';

describe('actions', () => {
  it('keeps config keys the editor does not know, and drops empty optional ones', () => {
    const saved = {
      type: 'send_notification',
      config: { title: 'Incident #{id}', link: '', channels: [], extra: 1 },
    };
    expect(toSaved(fromSaved(saved))).toEqual({
      type: 'send_notification',
      config: { title: 'Incident #{id}', extra: 1 },
    });
  });

  it('starts each type with what its editor needs', () => {
    expect(newAction('send_notification').config).toMatchObject({ recipients: [], priority: 1 });
    expect(newAction('send_email').config).toMatchObject({ template: 'notification_email' });
    expect(newAction('execute_code').config.code).toContain('event');
  });

  it('reads recipients given as one string or a list', () => {
    expect(recipientList('role:hse_manager')).toEqual(['role:hse_manager']);
    expect(recipientList(['a', 3, 'b'])).toEqual(['a', 'b']);
    expect(recipientList(undefined)).toEqual([]);
  });

  it('tells what a recipient names', () => {
    expect(parseRecipient('role:hse_manager')).toEqual({ kind: 'role', name: 'hse_manager' });
    expect(parseRecipient('group: Night shift')).toEqual({ kind: 'group', name: 'Night shift' });
    expect(parseRecipient('field:actor.user_id')).toEqual({
      kind: 'field',
      name: 'actor.user_id',
    });
    expect(parseRecipient('0193a5f0-0000-7000-8000-000000000000')).toEqual({
      kind: 'user',
      name: '0193a5f0-0000-7000-8000-000000000000',
    });
    expect(parseRecipient('role:')).toBeNull();
    expect(parseRecipient('someone')).toBeNull();
  });

  it('finds placeholders, not literal braces', () => {
    expect(placeholdersOf('Incident #{id} on {site.name} {{literal}}')).toEqual([
      'id',
      'site.name',
    ]);
  });

  it('inserts a placeholder at the caret, or over the selection', () => {
    expect(insertPlaceholder('Hello !', 'full_name', 6)).toEqual({
      text: 'Hello {full_name}!',
      caret: 17,
    });
    expect(insertPlaceholder('Hello NAME', 'full_name', 6, 10).text).toBe('Hello {full_name}');
  });
});
