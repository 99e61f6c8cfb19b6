import { Check, CircleHelp, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { problemMessage } from '@/lib/forms/apply-problem';

import { useRespond } from '../api/respond';
import type { Answer, Attendee, AttendeeResponse, Occurrence } from '../api/types';

const BADGES = {
  needs_action: 'outline',
  accepted: 'success',
  tentative: 'warning',
  declined: 'destructive',
} as const satisfies Record<AttendeeResponse, string>;

const ANSWERS = [
  ['accepted', Check],
  ['tentative', CircleHelp],
  ['declined', X],
] as const satisfies readonly (readonly [Answer, unknown])[];

/** Who is invited (roles and groups already expanded into people), each with their answer. */
export function AttendeeList({ attendees }: { attendees: Attendee[] }) {
  const { t } = useTranslation('calendar');
  return (
    <section className="grid gap-2" aria-labelledby="event-attendees-title">
      <h3 id="event-attendees-title" className="text-sm font-semibold">
        {t('panel.attendees')} ({attendees.length})
      </h3>
      {attendees.length === 0 ? (
        <p className="text-muted-foreground text-sm">{t('panel.no_attendees')}</p>
      ) : (
        <ul className="grid gap-1.5">
          {attendees.map((attendee) => (
            <li key={attendee.user_id} className="flex items-center justify-between gap-2 text-sm">
              <span className="min-w-0 truncate" title={attendee.email}>
                {attendee.full_name}
              </span>
              <Badge variant={BADGES[attendee.response]}>
                {t(`responses.${attendee.response}`)}
              </Badge>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The reader's answer to their invitation: accept, maybe, decline (the one given is pressed). */
export function MyAnswer({ occurrence }: { occurrence: Occurrence }) {
  const { t } = useTranslation('calendar');
  const respond = useRespond(occurrence.event_id);
  const [current, setCurrent] = useState(occurrence.my_response);
  const answer = async (response: Answer) => {
    try {
      await respond.mutateAsync(response);
      setCurrent(response);
      toast.success(t('panel.answered', { answer: t(`responses.${response}`) }));
    } catch (error) {
      toast.error(problemMessage(error));
    }
  };
  return (
    <section className="grid gap-2" aria-labelledby="event-my-answer">
      <h3 id="event-my-answer" className="text-sm font-semibold">
        {t('panel.my_answer')}
      </h3>
      <div className="flex flex-wrap gap-2">
        {ANSWERS.map(([response, Icon]) => (
          <Button
            key={response}
            size="sm"
            variant={current === response ? 'default' : 'outline'}
            aria-pressed={current === response}
            disabled={respond.isPending}
            onClick={() => void answer(response)}
          >
            <Icon aria-hidden />
            {t(`panel.answers.${response}`)}
          </Button>
        ))}
      </div>
      {occurrence.recurring && occurrence.series_id === null ? (
        <p className="text-muted-foreground text-xs">{t('panel.series_answer')}</p>
      ) : null}
    </section>
  );
}
