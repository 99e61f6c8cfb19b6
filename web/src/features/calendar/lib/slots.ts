import { addDays, toWall } from './days';

/** A span of the calendar: wall-clock `YYYY-MM-DDTHH:mm` times, or days with the end excluded. */
export type Slot = { start: string; end: string; allDay: boolean };

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * Where "New event" starts: the next whole hour today, for an hour, in `zone`; on a
 * period that does not hold today (from `first`, up to `end` excluded), its first day
 * at 09:00.
 */
export function defaultSlot(now: string, zone: string, shown?: { first: string; end: string }) {
  const wall = toWall(now, zone);
  const today = wall.slice(0, 10);
  if (shown && (today < shown.first || today >= shown.end)) {
    return { start: `${shown.first}T09:00`, end: `${shown.first}T10:00`, allDay: false };
  }
  const hour = Number(wall.slice(11, 13)) + 1;
  if (hour > 22) {
    const tomorrow = addDays(today, 1);
    return { start: `${tomorrow}T09:00`, end: `${tomorrow}T10:00`, allDay: false };
  }
  return { start: `${today}T${pad(hour)}:00`, end: `${today}T${pad(hour + 1)}:00`, allDay: false };
}

/** A click on a time grid picks half an hour: a new event gets an hour from there. */
export function atLeastAnHour(slot: Slot): Slot {
  if (slot.allDay) return slot;
  const start = Date.parse(`${slot.start}Z`);
  const end = Math.max(Date.parse(`${slot.end}Z`), start + 3_600_000);
  return { ...slot, end: new Date(end).toISOString().slice(0, 16) };
}
