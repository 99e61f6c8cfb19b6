import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { problemMessage } from '@/lib/forms/apply-problem';

import { useDeleteEvent } from '../api/delete-event';
import { eventQueryOptions } from '../api/get-event';
import { useMoveEvent } from '../api/save-event';
import type { Occurrence } from '../api/types';
import type { EventFormValues } from '../lib/event-form';
import type { Moved } from '../lib/fc-events';
import { droppedTimes, shiftedSeries } from '../lib/move';
import { targetOf, type Choice } from '../lib/scope';

/** The event dialog: a new event, or a saved one changed for `choice`. */
export type Editing =
  | { mode: 'create'; values: EventFormValues }
  | { mode: 'edit'; occurrence: Occurrence; choice: Choice };

export type ScopeAction = 'edit' | 'delete' | 'move';

/** "Which events?" about an occurrence of a series, and what follows each answer. */
export type Question = {
  action: ScopeAction;
  occurrence: Occurrence;
  onChoose: (choice: Choice) => void;
  onCancel: () => void;
};

/**
 * What the calendar page opens and asks: the detail panel, the event dialog, the
 * scope question for an occurrence of a series (before an edit, a delete or a drag),
 * the confirmation of a single event's deletion, and the calls that follow.
 */
export function useCalendarFlow(zone: string) {
  const { t } = useTranslation('calendar');
  const queryClient = useQueryClient();
  const move = useMoveEvent();
  const remove = useDeleteEvent();
  const [detail, setDetail] = useState<Occurrence | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);
  const [deleting, setDeleting] = useState<Occurrence | null>(null);

  /** For a series, asks which events first; a single event is all its events. */
  const askThen = (
    action: ScopeAction,
    occurrence: Occurrence,
    then: (choice: Choice) => void,
    onCancel = () => {},
  ) => {
    if (!occurrence.recurring) {
      then('all');
      return;
    }
    setQuestion({
      action,
      occurrence,
      onChoose: (choice) => {
        setQuestion(null);
        then(choice);
      },
      onCancel: () => {
        setQuestion(null);
        onCancel();
      },
    });
  };

  const runDelete = async (occurrence: Occurrence, choice: Choice) => {
    try {
      await remove.mutateAsync(targetOf(occurrence, choice));
      toast.success(t('panel.deleted', { title: occurrence.title }));
      setDeleting(null);
    } catch (error) {
      toast.error(problemMessage(error));
    }
  };

  const runMove = async ({ start, end, revert }: Moved, occurrence: Occurrence, choice: Choice) => {
    const after = droppedTimes(occurrence, start, end, zone);
    const target = targetOf(occurrence, choice);
    try {
      let body = after;
      if (choice === 'all' && occurrence.recurring) {
        // The series moves by the same step from its own first start.
        const series = await queryClient.fetchQuery(eventQueryOptions(target.id));
        body = shiftedSeries(series, occurrence, after);
      }
      await move.mutateAsync({ target, body });
      toast.success(t('moved', { title: occurrence.title }));
    } catch (error) {
      revert();
      toast.error(problemMessage(error));
    }
  };

  return {
    detail,
    open: setDetail,
    closeDetail: () => setDetail(null),
    editing,
    create: (values: EventFormValues) => setEditing({ mode: 'create', values }),
    // The panel closes first: one modal at a time.
    edit: (occurrence: Occurrence) => {
      setDetail(null);
      askThen('edit', occurrence, (choice) => setEditing({ mode: 'edit', occurrence, choice }));
    },
    closeEditor: () => setEditing(null),
    question,
    deleting,
    deletePending: remove.isPending,
    erase: (occurrence: Occurrence) => {
      setDetail(null);
      if (occurrence.recurring) {
        askThen('delete', occurrence, (choice) => void runDelete(occurrence, choice));
      } else setDeleting(occurrence);
    },
    confirmDelete: () => deleting && void runDelete(deleting, 'all'),
    cancelDelete: () => setDeleting(null),
    drop: (moved: Moved) => {
      if (moved.shown.kind !== 'occurrence') {
        moved.revert();
        return;
      }
      const { occurrence } = moved.shown;
      askThen(
        'move',
        occurrence,
        (choice) => void runMove(moved, occurrence, choice),
        moved.revert,
      );
    },
  };
}
