import { Check, Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/lib/utils';

import type { RecordType } from '../api/get-modules';
import { labelOf } from '../lib/labels';

/**
 * A record's workflow as a row of steps, in the order the type declares its states:
 * the current one marked (`aria-current="step"`), those before it ticked.
 */
export function WorkflowStepper({ recordType, state }: { recordType: RecordType; state: string }) {
  const { t, i18n } = useTranslation('modules');
  const states = recordType.workflow?.states ?? [];
  const current = states.findIndex((entry) => entry.code === state);
  return (
    <ol className="flex flex-wrap items-center gap-x-2 gap-y-3" aria-label={t('detail.workflow')}>
      {states.map((entry, index) => {
        const done = current >= 0 && index < current;
        const isCurrent = index === current;
        return (
          <li
            key={entry.code}
            className="flex items-center gap-2"
            aria-current={isCurrent ? 'step' : undefined}
          >
            {index > 0 ? (
              <span
                aria-hidden
                className={cn('h-px w-6 sm:w-10', done || isCurrent ? 'bg-primary' : 'bg-border')}
              />
            ) : null}
            <span
              className={cn(
                'flex size-7 shrink-0 items-center justify-center rounded-full border text-xs font-semibold',
                isCurrent && 'border-primary bg-primary text-primary-foreground',
                done && 'border-primary text-primary',
                !isCurrent && !done && 'text-muted-foreground',
              )}
              aria-hidden
            >
              {done ? <Check className="size-3.5" /> : index + 1}
            </span>
            <span
              className={cn(
                'flex items-center gap-1 text-sm',
                isCurrent ? 'font-semibold' : 'text-muted-foreground',
              )}
            >
              {labelOf(entry.label, i18n.language)}
              {entry.locked ? <Lock className="size-3" aria-hidden /> : null}
              {isCurrent ? <span className="sr-only"> ({t('detail.step_current')})</span> : null}
              {done ? <span className="sr-only"> ({t('detail.step_done')})</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
