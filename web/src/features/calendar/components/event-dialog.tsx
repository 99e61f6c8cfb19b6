import { Loader2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';

import { useEvent } from '../api/get-event';
import type { Editing } from '../hooks/use-calendar-flow';
import { eventValues } from '../lib/event-form';
import { targetOf } from '../lib/scope';
import { CalendarError } from './calendar-states';
import { EventForm } from './event-form';

const TITLES = {
  all: 'dialog.edit_title',
  this: 'dialog.this_title',
  following: 'dialog.following_title',
} as const;

/** A saved event's form, once its row (the series' for an occurrence) is loaded. */
function EditForm({
  editing,
  onDone,
}: {
  editing: Extract<Editing, { mode: 'edit' }>;
  onDone: () => void;
}) {
  const { t } = useTranslation('calendar');
  const { occurrence, choice } = editing;
  // One occurrence starts from its own row (an override's, else the series'); the
  // following ones and the whole series from the series' row, which holds the rule.
  const id =
    choice === 'this' ? occurrence.event_id : (occurrence.series_id ?? occurrence.event_id);
  const event = useEvent(id);
  if (event.isPending) {
    return (
      <p role="status" className="text-muted-foreground flex items-center gap-2 py-6 text-sm">
        <Loader2 className="size-4 animate-spin" aria-hidden />
        {t('loading')}
      </p>
    );
  }
  if (event.isError)
    return <CalendarError error={event.error} onRetry={() => void event.refetch()} />;
  const times = choice === 'all' && occurrence.recurring ? undefined : occurrence;
  return (
    <EventForm
      values={eventValues(event.data, times)}
      target={targetOf(occurrence, choice)}
      withRule={choice !== 'this' || !occurrence.recurring}
      onDone={onDone}
    />
  );
}

/** Creates an event, or edits one (a single event, one occurrence, the following ones or a series). */
export function EventDialog({
  editing,
  onClose,
}: {
  editing: Editing | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('calendar');
  const title =
    editing?.mode === 'edit'
      ? t(TITLES[editing.occurrence.recurring ? editing.choice : 'all'])
      : t('dialog.create_title');
  return (
    <Dialog open={editing !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{t('dialog.description')}</DialogDescription>
        </DialogHeader>
        {/* Mounted while open only: each opening starts from the event as saved. */}
        {editing?.mode === 'create' ? (
          <EventForm values={editing.values} target={null} withRule onDone={onClose} />
        ) : editing ? (
          <EditForm editing={editing} onDone={onClose} />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
