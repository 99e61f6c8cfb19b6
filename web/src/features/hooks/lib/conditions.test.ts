import {
  fromJson,
  incompleteRows,
  newRow,
  NotBuildable,
  operatorsFor,
  toJson,
  toJsonWithPaths,
  updateItem,
  type ConditionGroup,
  type ConditionItem,
} from './conditions';
import { schemaFields, findField } from './schema-fields';

/** The model without its ids, to compare shapes. */
function shape(item: ConditionItem): unknown {
  if (item.kind === 'row') {
    const { field, op, value, token } = item;
    return token === undefined ? { field, op, value } : { field, op, value, token };
  }
  return { mode: item.mode, items: item.items.map(shape) };
}

const roundTrip = (document: unknown) => toJson(fromJson(document));

describe('conditions JSON ⇄ builder', () => {
  it.each([
    ['an equality', { severity: 'critical' }],
    ['an operator as the seed writes it', { amount: { '>=': 1000 } }],
    ['an operator in words', { amount: { gte: 1000 } }],
    ['several operators of one field', { amount: { '>=': 1000, '<': 5000 } }],
    ['in', { status: { in: ['a', 'b'] } }],
    ['a dotted path', { 'actor.user_id': { exists: true } }],
    ['several fields', { severity: 'critical', 'site.kind': 'offshore' }],
    ['any at the top', { any: [{ severity: 'critical' }, { amount: { '>': 5 } }] }],
    ['all of a repeated operator', { all: [{ status: { '!=': 'a' } }, { status: { '!=': 'b' } }] }],
    [
      'a group beside fields',
      { severity: 'critical', any: [{ 'site.kind': 'offshore' }, { amount: { '<': 3 } }] },
    ],
    ['a group of several fields in any', { any: [{ a: 1, b: 2 }, { c: 3 }] }],
    ['equality with an object, through eq', { payload: { eq: { a: 1 } } }],
    ['equality written ==', { severity: { '==': 'critical' } }],
    ['an array equality', { tags: ['a', 'b'] }],
    ['null', { phone: null }],
  ])('keeps %s as written', (_, document) => {
    expect(roundTrip(document)).toEqual(document);
  });

  it('reads no condition as an empty all, and writes it back as null', () => {
    const group = fromJson(null);
    expect(shape(group)).toEqual({ mode: 'all', items: [] });
    expect(toJson(group)).toBeNull();
  });

  it('reads the seed’s shapes into rows', () => {
    expect(shape(fromJson({ amount: { '>=': 1000 }, severity: 'critical' }))).toEqual({
      mode: 'all',
      items: [
        { field: 'amount', op: 'gte', value: 1000, token: '>=' },
        { field: 'severity', op: 'eq', value: 'critical' },
      ],
    });
    expect(shape(fromJson({ any: [{ a: 1 }, { b: 1, c: 2 }] }))).toEqual({
      mode: 'any',
      items: [
        { field: 'a', op: 'eq', value: 1 },
        {
          mode: 'all',
          items: [
            { field: 'b', op: 'eq', value: 1 },
            { field: 'c', op: 'eq', value: 2 },
          ],
        },
      ],
    });
  });

  it('writes what the builder made in the seed’s style', () => {
    const group: ConditionGroup = {
      kind: 'group',
      id: 'root',
      mode: 'all',
      items: [newRow('severity', 'eq', 'critical'), newRow('amount', 'gte', 10)],
    };
    expect(toJson(group)).toEqual({ severity: 'critical', amount: { '>=': 10 } });
    expect(toJson({ ...group, mode: 'any' })).toEqual({
      any: [{ severity: 'critical' }, { amount: { '>=': 10 } }],
    });
  });

  it('a builder model survives its JSON', () => {
    const group: ConditionGroup = {
      kind: 'group',
      id: 'root',
      mode: 'any',
      items: [
        newRow('status', 'in', ['invited', 'active']),
        {
          kind: 'group',
          id: 'g',
          mode: 'all',
          items: [newRow('locale', 'eq', 'fr'), newRow('full_name', 'contains', 'Moreau')],
        },
      ],
    };
    expect(shape(fromJson(toJson(group)))).toEqual(
      shape({
        ...group,
        items: [
          { ...newRow('status', 'in', ['invited', 'active']), token: 'in' },
          {
            kind: 'group',
            id: 'g',
            mode: 'all',
            items: [
              newRow('locale', 'eq', 'fr'),
              { ...newRow('full_name', 'contains', 'Moreau'), token: 'contains' },
            ],
          },
        ],
      }),
    );
  });

  it('leaves out incomplete rows and empty groups (an empty any never matches)', () => {
    const group: ConditionGroup = {
      kind: 'group',
      id: 'root',
      mode: 'all',
      items: [
        newRow('severity', 'eq', 'critical'),
        newRow('', 'eq', 'x'),
        newRow('amount', 'gt'),
        newRow('status', 'in', []),
        { kind: 'group', id: 'g', mode: 'any', items: [] },
      ],
    };
    expect(toJson(group)).toEqual({ severity: 'critical' });
    expect(incompleteRows(group)).toHaveLength(3);
  });

  it.each([
    ['not', { not: { a: 1 } }, 'not'],
    ['an unknown operator', { a: { between: [1, 2] } }, 'operator'],
    ['an array', [{ a: 1 }], 'shape'],
    ['an all that is not an array', { all: { a: 1 } }, 'shape'],
    ['no operator', { a: {} }, 'shape'],
  ])('cannot show %s (it stays JSON)', (_, document, reason) => {
    expect(() => fromJson(document)).toThrow(NotBuildable);
    try {
      fromJson(document);
    } catch (error) {
      expect((error as NotBuildable).reason).toBe(reason);
    }
  });

  it('edits and removes items anywhere in the tree', () => {
    const inner = newRow('a', 'eq', 1);
    const group: ConditionGroup = {
      kind: 'group',
      id: 'root',
      mode: 'all',
      items: [{ kind: 'group', id: 'g', mode: 'any', items: [inner, newRow('b', 'eq', 2)] }],
    };
    const changed = updateItem(group, inner.id, (item) => ({ ...item, value: 5 }) as ConditionItem);
    expect(toJson(changed)).toEqual({ any: [{ a: 5 }, { b: 2 }] });
    expect(toJson(updateItem(group, inner.id, () => null))).toEqual({ any: [{ b: 2 }] });
  });

  it('says where each row was written', () => {
    const amount = { ...newRow('amount', 'gte', 1), token: '>=' };
    const status = newRow('status', 'in', ['a']);
    const { paths } = toJsonWithPaths({
      kind: 'group',
      id: 'root',
      mode: 'any',
      items: [amount, status],
    });
    expect(paths).toEqual(
      expect.arrayContaining([
        { path: 'conditions.any[0].amount.>=', id: amount.id },
        { path: 'conditions.any[1].status.in', id: status.id },
        { path: 'conditions', id: 'root' },
      ]),
    );
  });
});

describe('operators offered for a field', () => {
  const fields = schemaFields({
    properties: {
      amount: { type: 'integer' },
      status: { type: 'string', enum: ['a', 'b'] },
      tags: { type: 'array', items: { type: 'string' } },
      actor: { type: 'object', properties: { user_id: { type: ['string', 'null'] } } },
      is_active: { type: 'boolean' },
    },
  });
  const ops = (path: string) => operatorsFor(findField(fields, path));

  it('compares numbers and strings, and not enums or booleans', () => {
    expect(ops('amount')).toEqual(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'exists']);
    expect(ops('status')).toEqual(['eq', 'ne', 'in', 'not_in', 'contains', 'exists']);
    expect(ops('is_active')).toEqual(['eq', 'ne', 'in', 'not_in', 'exists']);
  });

  it('looks into arrays, and only asks whether an object exists', () => {
    expect(ops('tags')).toContain('contains');
    expect(ops('tags')).not.toContain('gt');
    expect(ops('actor')).toEqual(['exists']);
  });

  it('offers everything for a field of unknown type', () => {
    expect(ops('nowhere')).toHaveLength(10);
  });
});
