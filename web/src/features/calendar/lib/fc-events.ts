import type { EventInput } from '@fullcalendar/core';

import type { CalendarItem, Occurrence } from '../api/types';
import { dayIn, toWall } from './days';

/** What an event on the grid stands for, in its `extendedProps`. */
export type Shown =
  { kind: 'occurrence'; occurrence: Occurrence } | { kind: 'item'; item: CalendarItem };

/** An occurrence dragged or resized: where FullCalendar put it, and how to undo it. */
export type Moved = { shown: Shown; start: Date; end: Date | null; revert: () => void };

/** An event's colour when it has none: the app's primary blue. */
export const DEFAULT_COLOR = '#0f4c81';

/** Black or white, whichever reads better on `background` (`#rrggbb`). */
export function textColorOn(background: string): string {
  const channel = (at: number) => {
    const value = parseInt(background.slice(at, at + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? '#0f172a' : '#ffffff';
}

/**
 * An occurrence for FullCalendar: a timed one at its wall-clock times in the reader's
 * `zone`; an all-day one on its days (in its own zone, where its midnights are).
 */
export function occurrenceInput(occurrence: Occurrence, zone: string, canManage: boolean) {
  const color = occurrence.color ?? DEFAULT_COLOR;
  const times = occurrence.all_day
    ? {
        start: dayIn(occurrence.starts_at, occurrence.time_zone),
        end: dayIn(occurrence.ends_at, occurrence.time_zone),
      }
    : { start: toWall(occurrence.starts_at, zone), end: toWall(occurrence.ends_at, zone) };
  return {
    id: `${occurrence.event_id}@${occurrence.original_start ?? occurrence.starts_at}`,
    title: occurrence.title,
    allDay: occurrence.all_day,
    ...times,
    backgroundColor: color,
    borderColor: color,
    textColor: textColorOn(color),
    editable: canManage && occurrence.can_edit,
    classNames: occurrence.my_response === 'declined' ? ['opacity-60'] : [],
    extendedProps: { kind: 'occurrence', occurrence } satisfies Shown,
  } satisfies EventInput;
}

/** A module's dated record: an all-day item, red once overdue, never dragged. */
export function itemInput(item: CalendarItem) {
  const [background, border, text] = item.overdue
    ? ['#fee2e2', '#c62828', '#991b1b']
    : ['#fff7ed', '#d97706', '#7c2d12'];
  return {
    id: `${item.source}:${item.id}`,
    title: item.title,
    allDay: true,
    start: item.date,
    backgroundColor: background,
    borderColor: border,
    textColor: text,
    editable: false,
    extendedProps: { kind: 'item', item } satisfies Shown,
  } satisfies EventInput;
}
