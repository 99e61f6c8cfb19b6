import { Pencil, Repeat, Trash2 } from 'lucide-react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';

import { SiteName } from '@/components/sites/site-name';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
} from '@/components/ui/sheet';
import { Skeleton } from '@/components/ui/skeleton';
import { useFormat } from '@/lib/i18n/format';

import { useEvent } from '../api/get-event';
import type { EventOut, Occurrence } from '../api/types';
import { dayIn } from '../lib/days';
import { DEFAULT_COLOR } from '../lib/fc-events';
import { parseRule } from '../lib/recurrence';
import { describeRecurrence } from '../lib/recurrence-words';
import { describeWhen } from '../lib/when';
import { AttendeeList, MyAnswer } from './attendee-answers';
import { CalendarError } from './calendar-states';
import { useReminderLabel } from './reminders-input';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1">
      <dt className="text-muted-foreground text-xs font-medium tracking-wide uppercase">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

/** The rule of `event` in words, or as written when the editor cannot read it. */
function useRuleWords(event: EventOut | undefined) {
  const { t, i18n } = useTranslation('calendar');
  if (!event?.rrule) return null;
  const zone = event.time_zone ?? 'UTC';
  const start = dayIn(event.starts_at, zone);
  const parsed = parseRule(event.rrule, start, zone);
  if (!parsed) return t('panel.custom_rule', { rule: event.rrule });
  return describeRecurrence(parsed, i18n.language === 'en' ? 'en' : 'fr', start);
}

/** Its place, category, visibility, reminders and description, as loaded. */
function Details({ event }: { event: EventOut }) {
  const { t } = useTranslation('calendar');
  const reminder = useReminderLabel();
  const reminders = [...(event.reminders ?? [])].sort((a, b) => a - b);
  return (
    <>
      <Row label={t('panel.organizer')}>{event.organizer_name}</Row>
      {event.category ? <Row label={t('panel.category')}>{event.category}</Row> : null}
      <Row label={t('panel.visibility')}>
        {t(`dialog.visibilities.${event.visibility ?? 'company'}`)}
      </Row>
      {reminders.length > 0 ? (
        <Row label={t('panel.reminders')}>{reminders.map(reminder).join(' · ')}</Row>
      ) : null}
      {event.description ? (
        <Row label={t('panel.description')}>
          <p className="whitespace-pre-line">{event.description}</p>
        </Row>
      ) : null}
    </>
  );
}

/**
 * One occurrence, opened from the grid: when (in words, in the reader's zone), how it
 * repeats, where, who comes and their answers, the reader's own answer, and, for who
 * may, edit and delete.
 */
export function EventPanel({
  occurrence,
  canManage,
  onClose,
  onEdit,
  onDelete,
}: {
  occurrence: Occurrence | null;
  canManage: boolean;
  onClose: () => void;
  onEdit: (occurrence: Occurrence) => void;
  onDelete: (occurrence: Occurrence) => void;
}) {
  return (
    <Sheet open={occurrence !== null} onOpenChange={(open) => !open && onClose()}>
      {occurrence ? (
        <PanelContent
          key={`${occurrence.event_id}@${occurrence.starts_at}`}
          occurrence={occurrence}
          canManage={canManage}
          onEdit={onEdit}
          onDelete={onDelete}
        />
      ) : null}
    </Sheet>
  );
}

function PanelContent({
  occurrence,
  canManage,
  onEdit,
  onDelete,
}: {
  occurrence: Occurrence;
  canManage: boolean;
  onEdit: (occurrence: Occurrence) => void;
  onDelete: (occurrence: Occurrence) => void;
}) {
  const { t } = useTranslation('calendar');
  const format = useFormat();
  const event = useEvent(occurrence.event_id);
  const rule = useRuleWords(event.data);
  const when = describeWhen(occurrence, format.locale, format.timeZone);
  const otherZone = !occurrence.all_day && occurrence.time_zone !== format.timeZone;
  return (
    <SheetContent>
      <SheetHeader>
        <div className="flex items-start gap-2">
          <span
            aria-hidden
            className="mt-1.5 size-3 shrink-0 rounded-full"
            style={{ backgroundColor: occurrence.color ?? DEFAULT_COLOR }}
          />
          <SheetTitle className="break-words">{occurrence.title}</SheetTitle>
        </div>
        <SheetDescription className="first-letter:uppercase">
          {occurrence.all_day ? t('panel.all_day', { when }) : when}
        </SheetDescription>
        {occurrence.recurring || occurrence.my_response === 'declined' ? (
          <div className="flex flex-wrap gap-1.5">
            {occurrence.recurring ? (
              <Badge variant="secondary">
                <Repeat className="size-3" aria-hidden />
                {t('event.recurring')}
              </Badge>
            ) : null}
            {occurrence.my_response === 'declined' ? (
              <Badge variant="destructive">{t('event.declined')}</Badge>
            ) : null}
          </div>
        ) : null}
      </SheetHeader>
      <div className="grid flex-1 content-start gap-4 overflow-y-auto p-4">
        <dl className="grid gap-4">
          {otherZone ? (
            <Row label={t('panel.when')}>
              {t('panel.other_zone', {
                when: describeWhen(occurrence, format.locale, occurrence.time_zone),
                zone: occurrence.time_zone,
              })}
            </Row>
          ) : null}
          {rule ? <Row label={t('panel.repeats')}>{rule}</Row> : null}
          {occurrence.site_id || occurrence.location ? (
            <Row label={t('panel.place')}>
              {occurrence.site_id ? <SiteName id={occurrence.site_id} /> : occurrence.location}
            </Row>
          ) : null}
          {event.data ? <Details event={event.data} /> : null}
        </dl>
        {occurrence.my_response !== null ? <MyAnswer occurrence={occurrence} /> : null}
        {event.isPending ? (
          <div className="grid gap-2" aria-hidden>
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-4 w-56" />
          </div>
        ) : event.isError ? (
          <CalendarError error={event.error} onRetry={() => void event.refetch()} />
        ) : (
          <AttendeeList attendees={event.data.attendees} />
        )}
      </div>
      {canManage && occurrence.can_edit ? (
        <div className="flex justify-end gap-2 border-t p-4">
          <Button variant="outline" onClick={() => onDelete(occurrence)}>
            <Trash2 aria-hidden />
            {t('panel.delete')}
          </Button>
          <Button onClick={() => onEdit(occurrence)}>
            <Pencil aria-hidden />
            {t('panel.edit')}
          </Button>
        </div>
      ) : null}
    </SheetContent>
  );
}
