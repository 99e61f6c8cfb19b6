import { BellRing, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { FieldErrorText } from '@/components/ui/form-field';
import { Input, NativeSelect } from '@/components/ui/input';
import { RemovableChip } from '@/components/ui/removable-chip';

import {
  MAX_REMINDER,
  MAX_REMINDERS,
  REMINDER_PRESETS,
  REMINDER_UNITS,
  reminderParts,
  type ReminderUnit,
} from '../lib/reminders';

/** "15 min", "1 h", "2 days": how long before the start. */
export function useReminderWords() {
  const { t } = useTranslation('calendar');
  return (minutes: number) => {
    const { count, unit } = reminderParts(minutes);
    return t(`reminders.${unit}`, { count });
  };
}

/** A reminder as a chip says it: "15 min before", or "At the start". */
export function useReminderLabel() {
  const { t } = useTranslation('calendar');
  const words = useReminderWords();
  return (minutes: number) =>
    minutes === 0 ? t('reminders.at_start') : t('reminders.before', { time: words(minutes) });
}

/**
 * Reminders before the start: one click for 15 min, 1 h or 1 day (a second click takes
 * it back), or a custom amount of minutes, hours or days. At most 5, at most 4 weeks.
 */
export function RemindersInput({
  value,
  onChange,
  error,
}: {
  value: number[];
  onChange: (value: number[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation('calendar');
  const words = useReminderWords();
  const label = useReminderLabel();
  const [custom, setCustom] = useState(false);
  const [amount, setAmount] = useState(30);
  const [unit, setUnit] = useState<ReminderUnit>('minutes');
  const sorted = [...value].sort((a, b) => a - b);
  const full = value.length >= MAX_REMINDERS;
  const toggle = (minutes: number) =>
    onChange(
      value.includes(minutes) ? value.filter((other) => other !== minutes) : [...value, minutes],
    );
  const customMinutes = amount * REMINDER_UNITS[unit];
  const customValid = Number.isInteger(amount) && amount >= 0 && customMinutes <= MAX_REMINDER;
  return (
    <fieldset className="grid gap-2" aria-describedby="event-reminders-hint">
      <legend className="mb-1.5 text-sm font-medium">{t('reminders.label')}</legend>
      <div className="flex flex-wrap items-center gap-1.5">
        {REMINDER_PRESETS.map((minutes) => (
          <Button
            key={minutes}
            type="button"
            size="sm"
            variant={value.includes(minutes) ? 'default' : 'outline'}
            aria-pressed={value.includes(minutes)}
            disabled={full && !value.includes(minutes)}
            onClick={() => toggle(minutes)}
          >
            {words(minutes)}
          </Button>
        ))}
        <Button
          type="button"
          size="sm"
          variant="ghost"
          aria-expanded={custom}
          onClick={() => setCustom(!custom)}
        >
          {t('reminders.custom')}
        </Button>
      </div>
      {custom ? (
        <div className="flex flex-wrap items-center gap-2">
          <Input
            type="number"
            min={0}
            className="w-24"
            aria-label={t('reminders.amount')}
            value={Number.isNaN(amount) ? '' : amount}
            onChange={(event) => setAmount(event.target.valueAsNumber)}
          />
          <NativeSelect
            className="w-auto"
            aria-label={t('reminders.unit')}
            value={unit}
            onChange={(event) => setUnit(event.target.value as ReminderUnit)}
          >
            {(Object.keys(REMINDER_UNITS) as ReminderUnit[]).map((option) => (
              <option key={option} value={option}>
                {t(`reminders.units.${option}`)}
              </option>
            ))}
          </NativeSelect>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={full || !customValid || value.includes(customMinutes)}
            onClick={() => onChange([...value, customMinutes])}
          >
            <Plus aria-hidden />
            {t('reminders.add')}
          </Button>
        </div>
      ) : null}
      {sorted.length === 0 ? (
        <p className="text-muted-foreground text-xs">{t('reminders.none')}</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5" aria-label={t('reminders.label')}>
          {sorted.map((minutes) => (
            <li key={minutes}>
              <RemovableChip
                icon={BellRing}
                removeLabel={t('reminders.remove', { time: words(minutes) })}
                onRemove={() => toggle(minutes)}
              >
                {label(minutes)}
              </RemovableChip>
            </li>
          ))}
        </ul>
      )}
      <p id="event-reminders-hint" className="text-muted-foreground text-xs">
        {t('reminders.hint')}
      </p>
      <FieldErrorText message={error} />
    </fieldset>
  );
}
