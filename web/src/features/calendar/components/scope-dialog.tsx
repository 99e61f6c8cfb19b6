import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { useFormat } from '@/lib/i18n/format';

import type { Question } from '../hooks/use-calendar-flow';
import { CHOICES, type Choice } from '../lib/scope';
import { describeWhen } from '../lib/when';

/**
 * "This event / This and following events / All events" before a series' occurrence
 * is edited, deleted or moved. Escape or Cancel answers nothing (a drag goes back).
 */
export function ScopeDialog({ question }: { question: Question | null }) {
  return (
    <Dialog open={question !== null} onOpenChange={(open) => !open && question?.onCancel()}>
      {question ? <ScopeContent key={question.occurrence.starts_at} question={question} /> : null}
    </Dialog>
  );
}

function ScopeContent({ question }: { question: Question }) {
  const { t } = useTranslation('calendar');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const [choice, setChoice] = useState<Choice>('this');
  const { action, occurrence } = question;
  const date = describeWhen(
    { ...occurrence, ends_at: occurrence.starts_at },
    format.locale,
    format.timeZone,
  );
  return (
    <DialogContent className="max-w-md">
      <DialogHeader>
        <DialogTitle>{t(`scope.titles.${action}`)}</DialogTitle>
        <DialogDescription>{t('scope.question', { title: occurrence.title })}</DialogDescription>
      </DialogHeader>
      <fieldset className="grid gap-2">
        <legend className="sr-only">{t('scope.question', { title: occurrence.title })}</legend>
        {CHOICES.map((option) => (
          <label
            key={option}
            className="border-input hover:bg-accent has-checked:border-primary has-checked:bg-primary/5 has-focus-visible:ring-ring flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2.5 has-focus-visible:ring-2"
          >
            <input
              type="radio"
              name="scope"
              className="accent-primary mt-1"
              value={option}
              checked={choice === option}
              onChange={() => setChoice(option)}
            />
            <span className="grid gap-0.5">
              <span className="text-sm font-medium">{t(`scope.choices.${option}`)}</span>
              <span className="text-muted-foreground text-xs">
                {t(`scope.hints.${option}`, { date })}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <DialogFooter>
        <Button variant="outline" onClick={question.onCancel}>
          {tc('common.cancel')}
        </Button>
        <Button
          variant={action === 'delete' ? 'destructive' : 'default'}
          onClick={() => question.onChoose(choice)}
        >
          {t(`scope.confirm.${action}`)}
        </Button>
      </DialogFooter>
    </DialogContent>
  );
}
