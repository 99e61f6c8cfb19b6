import { findField, recipientFields, schemaFields, templateFields } from './schema-fields';

/** The shape of `GET /hooks/events` for `user.invited`, shortened. */
const invited = {
  type: 'object',
  properties: {
    actor: {
      type: 'object',
      properties: {
        api_token_id: { type: ['string', 'null'], format: 'uuid' },
        user_id: { type: ['string', 'null'], format: 'uuid' },
      },
    },
    email: { type: 'string', example: 'a.moreau@example.com' },
    id: { type: 'string', format: 'uuid' },
    locale: { type: 'string', enum: ['fr', 'en'] },
    mfa: {
      type: 'object',
      required: ['totp', 'sms'],
      properties: {
        recovery_codes_left: { type: ['integer', 'null'], minimum: 0 },
        sms: { type: 'boolean' },
      },
    },
    payload: { type: 'object', additionalProperties: {} },
    status: { description: 'Where a user stands.', enum: ['invited', 'active'] },
    to: { type: ['array', 'string'], items: { type: 'string' } },
    watchers: { type: 'array', items: { type: 'string', format: 'uuid' } },
    anything: {},
  },
};

describe('schema → fields', () => {
  const fields = schemaFields(invited);

  it('lists nested fields as dotted paths, parents first', () => {
    expect(fields.map((field) => field.path)).toEqual([
      'actor',
      'actor.api_token_id',
      'actor.user_id',
      'email',
      'id',
      'locale',
      'mfa',
      'mfa.recovery_codes_left',
      'mfa.sms',
      'payload',
      'status',
      'to',
      'watchers',
      'anything',
    ]);
    expect(findField(fields, 'actor.user_id')?.depth).toBe(1);
  });

  it('reads types from type, enum or properties', () => {
    expect(findField(fields, 'actor')?.kinds).toEqual(['object']);
    expect(findField(fields, 'actor.user_id')?.kinds).toEqual(['null', 'string']);
    expect(findField(fields, 'mfa.recovery_codes_left')).toMatchObject({
      kinds: ['null', 'number'],
      integer: true,
    });
    expect(findField(fields, 'status')).toMatchObject({
      kinds: ['string'],
      enum: ['invited', 'active'],
      description: 'Where a user stands.',
    });
    expect(findField(fields, 'to')).toMatchObject({
      kinds: ['string', 'array'],
      items: { kinds: ['string'] },
    });
    expect(findField(fields, 'anything')?.kinds).toEqual([]);
    expect(findField(fields, 'email')?.example).toBe('a.moreau@example.com');
  });

  it('accepts any key below a map, of any type, and nothing unknown elsewhere', () => {
    expect(findField(fields, 'payload')?.open).toBe(true);
    expect(findField(fields, 'payload.severity')).toMatchObject({ kinds: [], depth: 1 });
    expect(findField(fields, 'actor.name')).toBeUndefined();
    expect(findField(fields, 'nowhere')).toBeUndefined();
  });

  it('offers scalars for texts and user ids for recipients', () => {
    const quoted = templateFields(fields).map((field) => field.path);
    expect(quoted).toContain('email');
    expect(quoted).toContain('actor.user_id');
    expect(quoted).not.toContain('actor');
    expect(quoted).not.toContain('mfa');
    expect(recipientFields(fields).map((field) => field.path)).toEqual([
      'actor.api_token_id',
      'actor.user_id',
      'id',
      'watchers',
    ]);
  });

  it('survives a schema without properties', () => {
    expect(schemaFields({ type: 'object' })).toEqual([]);
    expect(schemaFields(null)).toEqual([]);
  });
});
