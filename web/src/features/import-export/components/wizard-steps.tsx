import { Check } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/lib/utils';

import { WIZARD_STEPS, type WizardStep } from '../hooks/use-import-wizard';

/** Where the import stands: the four steps, those done ticked, the current one marked. */
export function WizardSteps({ current }: { current: WizardStep }) {
  const { t } = useTranslation('importExport');
  const at = WIZARD_STEPS.indexOf(current);
  return (
    <ol
      aria-label={t('wizard.steps.label')}
      className="flex flex-wrap items-center gap-x-2 gap-y-2 text-sm"
    >
      {WIZARD_STEPS.map((step, index) => {
        const done = index < at;
        const here = index === at;
        return (
          <li
            key={step}
            className="flex items-center gap-2"
            aria-current={here ? 'step' : undefined}
          >
            {index > 0 ? (
              <span
                className={cn('h-px w-6 sm:w-10', done || here ? 'bg-primary' : 'bg-border')}
                aria-hidden
              />
            ) : null}
            <span
              className={cn(
                'flex size-7 shrink-0 items-center justify-center rounded-full border text-xs font-semibold',
                done && 'border-primary bg-primary text-primary-foreground',
                here && 'border-primary text-primary ring-primary/20 ring-4',
                !done && !here && 'text-muted-foreground',
              )}
              aria-hidden
            >
              {done ? <Check className="size-4" /> : index + 1}
            </span>
            <span className={cn(here ? 'font-medium' : 'text-muted-foreground')}>
              {t(`wizard.steps.${step}`)}
              {done || here ? (
                <span className="sr-only">
                  {' '}
                  ({t(done ? 'wizard.steps.done' : 'wizard.steps.current')})
                </span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
