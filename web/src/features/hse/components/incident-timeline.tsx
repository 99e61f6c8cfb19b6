import { useTranslation } from 'react-i18next';

import { UserName } from '@/components/people/user-name';
import { useFormat } from '@/lib/i18n/format';

import type { IncidentDetail } from '../lib/incident';

/** The incident's steps, oldest first: the move, who made it and when, and why. */
export function IncidentTimeline({ steps }: { steps: IncidentDetail['steps'] }) {
  const { t } = useTranslation('hse');
  const format = useFormat();
  return (
    <ol className="grid gap-4 border-l pl-4">
      {steps.map((step, index) => (
        <li key={index} className="relative grid gap-0.5 text-sm">
          <span
            className="bg-primary ring-background absolute top-1.5 -left-[21px] size-2.5 rounded-full ring-4"
            aria-hidden
          />
          <span className="font-medium">
            {step.from_status
              ? t('detail.step', {
                  from: t(`status.${step.from_status}`),
                  to: t(`status.${step.to_status}`),
                })
              : t('detail.created_step', { to: t(`status.${step.to_status}`) })}
          </span>
          <span className="text-muted-foreground text-xs">
            <time dateTime={step.at}>{format.dateTime(step.at)}</time>
            {step.by_user ? (
              <>
                {' · '}
                <UserName id={step.by_user} />
              </>
            ) : null}
          </span>
          {step.reason ? (
            <blockquote className="bg-muted/50 mt-1 rounded-md border-l-2 px-3 py-1.5 break-words whitespace-pre-line">
              <span className="sr-only">{t('detail.reason')}</span>
              {step.reason}
            </blockquote>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
