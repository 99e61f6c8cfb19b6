/** The calendar's views, as the address and the toolbar name them. */
export const CALENDAR_VIEWS = ['month', 'week', 'day', 'agenda'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

/** FullCalendar's name of each view (the agenda lists a month, day by day). */
export const FC_VIEWS: Record<CalendarView, string> = {
  month: 'dayGridMonth',
  week: 'timeGridWeek',
  day: 'timeGridDay',
  agenda: 'listMonth',
};

export function viewOf(fcView: string): CalendarView {
  return CALENDAR_VIEWS.find((view) => FC_VIEWS[view] === fcView) ?? 'month';
}

/** `?view=week&date=2026-11-10`: the view and a day it shows, kept across reloads. */
export type CalendarSearch = { view?: CalendarView; date?: string };

/** The route's `validateSearch`: anything else in the address is dropped. */
export function calendarSearch(search: Record<string, unknown>): CalendarSearch {
  const view = CALENDAR_VIEWS.find((candidate) => candidate === search.view);
  const date =
    typeof search.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(search.date)
      ? search.date
      : undefined;
  return { ...(view ? { view } : {}), ...(date ? { date } : {}) };
}
