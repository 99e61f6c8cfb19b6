import { useMutation, useQueryClient } from '@tanstack/react-query';

import { unwrap } from '@/lib/api/problem';

import type { Target } from '../lib/scope';
import { CALENDAR_KEY, calendarApi } from './calendar-client';
import type { EventIn, EventPatch } from './types';

export async function createEvent(body: EventIn) {
  return unwrap(await calendarApi.POST('/api/v1/calendar/events', { body }));
}

/** Changes an event, a series, or (with `target.query`) one occurrence or the following ones. */
export async function updateEvent(target: Target, body: EventPatch) {
  return unwrap(
    await calendarApi.PATCH('/api/v1/calendar/events/{id}', {
      params: { path: { id: target.id }, ...(target.query ? { query: target.query } : {}) },
      body,
    }),
  );
}

/** Creates an event, or (with a target) changes one; the calendar then refreshes. */
export function useSaveEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ target, body }: { target: Target | null; body: EventIn }) =>
      target ? updateEvent(target, body) : createEvent(body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: CALENDAR_KEY }),
  });
}

/** Moves or resizes an occurrence (a drag on the grid); the calendar then refreshes. */
export function useMoveEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ target, body }: { target: Target; body: EventPatch }) =>
      updateEvent(target, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: CALENDAR_KEY }),
  });
}
