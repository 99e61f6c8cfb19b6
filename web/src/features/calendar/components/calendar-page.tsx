import type { DatesSetArg } from '@fullcalendar/core';
import type FullCalendar from '@fullcalendar/react';
import { useRouter } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { usePermissions } from '@/lib/auth/permissions';
import { useFormat } from '@/lib/i18n/format';

import { useRange, type Range } from '../api/get-range';
import { useCalendarFlow } from '../hooks/use-calendar-flow';
import { viewOf, type CalendarSearch, type CalendarView as View } from '../lib/calendar-search';
import { fromWall, wallDay } from '../lib/days';
import { newEventValues } from '../lib/event-form';
import { itemInput, occurrenceInput, type Shown } from '../lib/fc-events';
import { atLeastAnHour, defaultSlot, type Slot } from '../lib/slots';
import { CalendarEmpty, CalendarError, CalendarSkeleton } from './calendar-states';
import { CalendarToolbar } from './calendar-toolbar';
import { CalendarView, showView } from './calendar-view';
import { EventDialog } from './event-dialog';
import { EventPanel } from './event-panel';
import { IcalPanel } from './ical-panel';
import { ScopeDialog } from './scope-dialog';

/** Below `sm`, a month of cells is too small to read: the agenda lists it instead. */
const narrow = () => window.matchMedia('(max-width: 639.98px)').matches;

/**
 * The calendar: month, week, day and agenda views of the user's events (in their time
 * zone) and of the modules' due dates; create, open, answer, edit, move and delete
 * events; the personal iCal link. The view and the period shown live in the address.
 */
export function CalendarPage({
  search,
  onSearchChange,
}: {
  search: CalendarSearch;
  onSearchChange: (search: CalendarSearch) => void;
}) {
  const { t } = useTranslation('calendar');
  const router = useRouter();
  const format = useFormat();
  const zone = format.timeZone;
  const canManage = usePermissions().can('calendar.manage.event');
  const calendarRef = useRef<FullCalendar>(null);
  const [view, setView] = useState<View>(() => search.view ?? (narrow() ? 'agenda' : 'month'));
  const [range, setRange] = useState<Range | null>(null);
  const [shown, setShown] = useState<{ title: string; first: string; end: string } | null>(null);
  const flow = useCalendarFlow(zone);
  const answer = useRange(range);

  const events = useMemo(
    () => [
      ...(answer.data?.occurrences ?? []).map((item) => occurrenceInput(item, zone, canManage)),
      ...(answer.data?.items ?? []).map(itemInput),
    ],
    [answer.data, zone, canManage],
  );
  const empty = answer.isSuccess && events.length === 0 && !answer.isPlaceholderData;

  const api = () => calendarRef.current?.getApi();
  const onDates = ({ view: fcView, start, end }: DatesSetArg) => {
    const next = viewOf(fcView.type);
    // The day the view is about (today, or the same day of the next month…), which a
    // change of view keeps: the week view of a month opens on that day's week.
    const date = wallDay(fcView.calendar.getDate());
    setView(next);
    setShown({
      title: fcView.title,
      first: wallDay(fcView.currentStart),
      end: wallDay(fcView.currentEnd),
    });
    setRange({ from: fromWall(start, zone), to: fromWall(end, zone) });
    if (search.view !== next || search.date !== date) onSearchChange({ view: next, date });
  };
  const create = (slot: Slot) => flow.create(newEventValues(atLeastAnHour(slot), zone));
  const open = (item: Shown) => {
    if (item.kind === 'item') router.history.push(item.item.link);
    else flow.open(item.occurrence);
  };

  return (
    <PageBody>
      <PageHeader
        title={t('title')}
        description={t('description', { zone: zone.replace(/_/g, ' ') })}
        actions={
          <>
            <IcalPanel />
            {canManage ? (
              <Button
                onClick={() =>
                  create(defaultSlot(new Date().toISOString(), zone, shown ?? undefined))
                }
              >
                <Plus aria-hidden />
                {t('new_event')}
              </Button>
            ) : null}
          </>
        }
      />
      <section className="bg-card grid min-w-0 grid-cols-1 gap-3 rounded-lg border p-3 shadow-sm sm:p-4">
        <CalendarToolbar
          title={shown?.title ?? ''}
          view={view}
          refreshing={answer.isFetching && !answer.isPending}
          onStep={(step) => (step < 0 ? api()?.prev() : api()?.next())}
          onToday={() => api()?.today()}
          onView={(next) => showView(calendarRef.current, next)}
        />
        {answer.isError ? (
          <CalendarError error={answer.error} onRetry={() => void answer.refetch()} />
        ) : null}
        {empty && view !== 'agenda' ? <CalendarEmpty canManage={canManage} /> : null}
        <div className="relative min-h-96">
          <CalendarView
            calendarRef={calendarRef}
            view={view}
            date={search.date}
            zone={zone}
            events={events}
            canManage={canManage}
            empty={<CalendarEmpty canManage={canManage} />}
            onDates={onDates}
            onOpen={open}
            onSelect={create}
            onMove={flow.drop}
          />
          {answer.isPending && !answer.isError ? <CalendarSkeleton /> : null}
        </div>
      </section>
      <EventPanel
        occurrence={flow.detail}
        canManage={canManage}
        onClose={flow.closeDetail}
        onEdit={flow.edit}
        onDelete={flow.erase}
      />
      <EventDialog editing={flow.editing} onClose={flow.closeEditor} />
      <ScopeDialog question={flow.question} />
      <ConfirmDialog
        open={flow.deleting !== null}
        onOpenChange={(open) => !open && flow.cancelDelete()}
        title={t('panel.delete_title', { title: flow.deleting?.title ?? '' })}
        description={t('panel.delete_hint')}
        confirmLabel={t('panel.delete')}
        pending={flow.deletePending}
        onConfirm={flow.confirmDelete}
      />
    </PageBody>
  );
}
