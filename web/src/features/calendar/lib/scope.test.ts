import { describe, expect, it } from 'vitest';

import { targetOf } from './scope';

const SERIES = 'series-id';
const plain = {
  event_id: SERIES,
  series_id: null,
  original_start: '2026-11-10T08:00:00Z',
  recurring: true,
};

describe('targetOf', () => {
  it('sends a single event’s change to its own row, whatever the choice', () => {
    const single = { ...plain, recurring: false, original_start: null };
    expect(targetOf(single, 'this')).toEqual({ id: SERIES });
    expect(targetOf(single, 'all')).toEqual({ id: SERIES });
  });

  it('names the occurrence and the scope for one or the following occurrences of a series', () => {
    expect(targetOf(plain, 'this')).toEqual({
      id: SERIES,
      query: { occurrence: '2026-11-10T08:00:00Z', scope: 'this' },
    });
    expect(targetOf(plain, 'following')).toEqual({
      id: SERIES,
      query: { occurrence: '2026-11-10T08:00:00Z', scope: 'following' },
    });
    expect(targetOf(plain, 'all')).toEqual({ id: SERIES });
  });

  it('changes an occurrence changed before on its own row, and the others from the series', () => {
    const override = { ...plain, event_id: 'override-id', series_id: SERIES };
    expect(targetOf(override, 'this')).toEqual({ id: 'override-id' });
    expect(targetOf(override, 'following')).toEqual({
      id: SERIES,
      query: { occurrence: '2026-11-10T08:00:00Z', scope: 'following' },
    });
    expect(targetOf(override, 'all')).toEqual({ id: SERIES });
  });
});
