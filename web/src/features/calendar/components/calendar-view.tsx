import type { DatesSetArg, EventChangeArg, EventClickArg, EventInput } from '@fullcalendar/core';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import frLocale from '@fullcalendar/core/locales/fr';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';

import { FC_VIEWS, type CalendarView as View } from '../lib/calendar-search';
import { toWall, wallDay } from '../lib/days';
import type { Moved, Shown } from '../lib/fc-events';
import type { Slot } from '../lib/slots';
import { EventChip } from './event-chip';

/** FullCalendar's theme in the app's tokens (index.css). */
const THEME = {
  '--fc-border-color': 'var(--color-border)',
  '--fc-page-bg-color': 'var(--color-card)',
  '--fc-neutral-bg-color': 'var(--color-muted)',
  '--fc-today-bg-color': 'color-mix(in srgb, var(--color-primary) 7%, transparent)',
  '--fc-list-event-hover-bg-color': 'var(--color-accent)',
  '--fc-highlight-color': 'color-mix(in srgb, var(--color-ring) 18%, transparent)',
  '--fc-now-indicator-color': 'var(--color-destructive)',
} as React.CSSProperties;

/**
 * The time grids scroll inside (24 h, from 07:00); months and the agenda grow. A change
 * of view sets it first (`showView`): set after, it would come too late for the scroll.
 */
const heightOf = (view: View) => (view === 'week' || view === 'day' ? 720 : 'auto');

/** Switches the calendar to `view`, its height first. */
export function showView(calendar: FullCalendar | null, view: View) {
  const api = calendar?.getApi();
  api?.setOption('height', heightOf(view));
  api?.changeView(FC_VIEWS[view]);
}

/**
 * The month, week, day and agenda grids (FullCalendar, its toolbar hidden: the page
 * drives it through `calendarRef`). It runs in UTC and is given wall-clock times of the
 * reader's `zone` (lib/days.ts), so "now" is that zone's too.
 */
export function CalendarView({
  calendarRef,
  view,
  date,
  zone,
  events,
  canManage,
  empty,
  onDates,
  onOpen,
  onSelect,
  onMove,
}: {
  calendarRef: React.RefObject<FullCalendar | null>;
  view: View;
  date: string | undefined;
  zone: string;
  events: EventInput[];
  canManage: boolean;
  empty: React.ReactNode;
  onDates: (dates: DatesSetArg) => void;
  onOpen: (shown: Shown) => void;
  onSelect: (slot: Slot) => void;
  onMove: (moved: Moved) => void;
}) {
  const { t, i18n } = useTranslation('calendar');
  const moved = ({ event, revert }: EventChangeArg) =>
    onMove({
      shown: event.extendedProps as Shown,
      start: event.start ?? new Date(),
      end: event.end,
      revert,
    });
  return (
    <div
      style={THEME}
      // Half an hour is two lines of text on the time grids; titles wrap in the agenda,
      // and on a phone its times too, in narrower cells. FullCalendar's own styles are
      // not in a layer: these need `!` to win.
      className="text-sm max-sm:[&_.fc-list-event-time]:whitespace-normal! [&_.fc-list-event-title]:whitespace-normal max-sm:[&_.fc-list-table_td]:px-2! [&_.fc-timegrid-slot]:h-8!"
    >
      <FullCalendar
        ref={calendarRef}
        plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
        initialView={FC_VIEWS[view]}
        initialDate={date}
        timeZone="UTC"
        now={() => toWall(new Date().toISOString(), zone)}
        locale={i18n.language === 'en' ? enGbLocale : frLocale}
        headerToolbar={false}
        height={heightOf(view)}
        scrollTime="07:00:00"
        nowIndicator
        dayMaxEvents
        eventDisplay="block"
        eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
        allDayContent={t('all_day_short')}
        noEventsContent={() => empty}
        events={events}
        eventContent={(arg) => <EventChip arg={arg} />}
        eventClick={(arg: EventClickArg) => {
          arg.jsEvent.preventDefault();
          onOpen(arg.event.extendedProps as Shown);
        }}
        selectable={canManage}
        selectMirror
        select={(arg) => {
          arg.view.calendar.unselect();
          onSelect(
            arg.allDay
              ? { start: wallDay(arg.start), end: wallDay(arg.end), allDay: true }
              : {
                  start: arg.start.toISOString().slice(0, 16),
                  end: arg.end.toISOString().slice(0, 16),
                  allDay: false,
                },
          );
        }}
        // A drag keeps an event timed or all-day; the dialog switches between the two.
        eventAllow={(drop, dragged) => drop.allDay === dragged?.allDay}
        eventDrop={moved}
        eventResize={moved}
        datesSet={onDates}
      />
    </div>
  );
}
