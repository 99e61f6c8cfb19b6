import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { ApiProblem } from '@/lib/api/problem';

import { type Transition, TRANSITIONS, useMoveIncident } from '../api/move-incident';
import type { IncidentDetail } from '../lib/incident';
import { INVESTIGATION_TEXTS } from '../api/save-investigation';
import { NoteDialog } from './note-dialog';
import { useStaleIncident } from './use-stale-incident';

/** The moves that send an incident back: drawn as such. */
const BACKWARD = new Set<Transition>(['reject']);

/**
 * The workflow moves the user may make now, as the API lists them (`transitions`): each
 * asks for a reason (required to reject) before it is made.
 */
export function WorkflowButtons({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation('hse');
  const [chosen, setChosen] = useState<Transition | null>(null);
  const move = useMoveIncident(incident);
  const stale = useStaleIncident(incident);
  const offered = TRANSITIONS.filter((transition) => incident.transitions.includes(transition));
  if (offered.length === 0) return null;

  /** An investigation short of what approval needs: say what is missing. */
  const incomplete = (error: unknown) => {
    if (!(error instanceof ApiProblem) || error.status !== 422) return false;
    const missing = (error.problem.errors ?? []).flatMap(({ field }) => {
      const name = INVESTIGATION_TEXTS.find((text) => field === `investigation.${text}`);
      return name ? [t(`investigation.${name}`)] : [];
    });
    if (missing.length === 0) return false;
    toast.error(t('workflow.investigation_incomplete', { fields: missing.join(', ') }));
    return true;
  };

  return (
    <>
      <div className="flex flex-wrap gap-2">
        {offered.map((transition) => (
          <Button
            key={transition}
            variant={BACKWARD.has(transition) ? 'outline' : 'default'}
            className={BACKWARD.has(transition) ? 'text-destructive' : undefined}
            onClick={() => setChosen(transition)}
          >
            {t(`workflow.${transition}.label`)}
          </Button>
        ))}
      </div>
      <NoteDialog
        open={chosen !== null}
        onOpenChange={(open) => !open && setChosen(null)}
        title={chosen ? t(`workflow.${chosen}.title`, { number: incident.number }) : ''}
        description={chosen ? t(`workflow.${chosen}.description`) : ''}
        label={t('workflow.reason')}
        confirmLabel={chosen ? t(`workflow.${chosen}.label`) : ''}
        required={chosen === 'reject'}
        destructive={chosen !== null && BACKWARD.has(chosen)}
        onSubmit={async (reason) => {
          if (!chosen) return;
          const detail = await move.mutateAsync({ transition: chosen, reason });
          toast.success(t('workflow.done', { status: t(`status.${detail.status}`) }));
        }}
        onError={async (error) => incomplete(error) || (await stale(error))}
      />
    </>
  );
}
