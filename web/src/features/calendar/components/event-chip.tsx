import type { EventContentArg } from '@fullcalendar/core';
import { ClipboardCheck, Repeat, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/lib/utils';

import type { Shown } from '../lib/fc-events';

/** `hse.action` → `hse_action`, the key of a module item's kind. */
const sourceKey = (source: string) => (source === 'hse.action' ? 'hse_action' : 'other');

/**
 * What an event shows on the grid: its time and title, a repeat icon for a series, a
 * declined one struck through; a module item with its kind and, overdue, a warning.
 */
export function EventChip({ arg }: { arg: EventContentArg }) {
  const { t } = useTranslation('calendar');
  const shown = arg.event.extendedProps as Shown;
  const inList = arg.view.type.startsWith('list');
  if (shown.kind === 'item') {
    const Icon = shown.item.overdue ? TriangleAlert : ClipboardCheck;
    return (
      <span className="flex min-w-0 items-center gap-1 px-0.5">
        <Icon className={cn('size-3 shrink-0', !inList && 'hidden sm:block')} aria-hidden />
        <span className="sr-only">{t(`event.sources.${sourceKey(shown.item.source)}`)}, </span>
        <span className={inList ? 'break-words' : 'truncate'}>{arg.event.title}</span>
        {shown.item.overdue ? <span className="sr-only">({t('event.overdue')})</span> : null}
      </span>
    );
  }
  const { occurrence } = shown;
  const declined = occurrence.my_response === 'declined';
  const repeat = occurrence.recurring ? (
    <Repeat
      className="size-3 shrink-0"
      role="img"
      aria-label={t('event.recurring')}
      aria-hidden={false}
    />
  ) : null;
  const title = (
    <span className={cn('font-medium', declined && 'line-through')}>{arg.event.title}</span>
  );
  const declinedWords = declined ? <span className="sr-only"> ({t('event.declined')})</span> : null;
  if (arg.view.type.startsWith('timeGrid') && !arg.event.allDay) {
    // A column: the time and repeat icon above, the title below on up to three lines.
    return (
      <span className="flex h-full min-w-0 flex-col overflow-hidden px-0.5 leading-tight">
        <span className="flex items-center gap-1 text-[0.7rem] tabular-nums opacity-90">
          {arg.timeText}
          {repeat}
        </span>
        <span className="line-clamp-3 break-words">{title}</span>
        {declinedWords}
      </span>
    );
  }
  return (
    <span className="flex min-w-0 items-center gap-1 overflow-hidden px-0.5">
      {arg.timeText && !inList ? (
        // A phone's month has room for the title only.
        <span className="hidden shrink-0 tabular-nums opacity-90 sm:inline">{arg.timeText}</span>
      ) : null}
      <span className={inList ? 'break-words' : 'truncate'}>{title}</span>
      {/* A phone's month cell keeps its few pixels for the title. */}
      {repeat ? (
        <span className={cn('shrink-0', !inList && 'hidden sm:inline-flex')}>{repeat}</span>
      ) : null}
      {declinedWords}
    </span>
  );
}
