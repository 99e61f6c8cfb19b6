import { Repeat } from 'lucide-react';
import type * as React from 'react';
import type { FieldError, Merge, FieldErrorsImpl } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

import { FieldErrorText } from '@/components/ui/form-field';
import { Input, NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { type Language } from '@/lib/i18n';

import {
  FREQUENCIES,
  ORDINALS,
  WEEKDAYS,
  type Frequency,
  type Ordinal,
  type Recurrence,
  type Weekday,
} from '../lib/recurrence';
import { describeRecurrence, ordinalWords, weekdayName } from '../lib/recurrence-words';

type Errors = Merge<FieldError, FieldErrorsImpl<Recurrence>> | undefined;

/** A radio choice with its own inputs beside it (the monthly and end choices). */
function Choice({
  name,
  checked,
  onCheck,
  label,
  children,
}: {
  name: string;
  checked: boolean;
  onCheck: () => void;
  label: string;
  children?: React.ReactNode;
}) {
  return (
    <div className="flex min-h-9 flex-wrap items-center gap-2">
      <label className="flex items-center gap-2 text-sm">
        <input
          type="radio"
          name={name}
          className="accent-primary"
          checked={checked}
          onChange={onCheck}
        />
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * How an event repeats: never, daily, weekly on chosen days, monthly on a day or on
 * "the 2nd Tuesday", yearly; every n; until a day or n times. The rule is shown in
 * words as it is built. `start` is the first day (`YYYY-MM-DD`).
 */
export function RecurrenceEditor({
  value,
  onChange,
  start,
  errors,
  customRule,
}: {
  value: Recurrence;
  onChange: (value: Recurrence) => void;
  start: string;
  errors: Errors;
  /** A rule the editor cannot show; any change here replaces it. */
  customRule: string;
}) {
  const { t, i18n } = useTranslation('calendar');
  const language: Language = i18n.language === 'en' ? 'en' : 'fr';
  const set = (changes: Partial<Recurrence>) => onChange({ ...value, ...changes });
  const { frequency } = value;
  const number = (event: React.ChangeEvent<HTMLInputElement>) => event.target.valueAsNumber;
  const words = customRule
    ? t('recurrence.custom', { rule: customRule })
    : describeRecurrence(value, language, start);

  return (
    <fieldset className="grid gap-3 rounded-md border p-3">
      <legend className="px-1 text-sm font-medium">{t('recurrence.label')}</legend>
      <div className="flex flex-wrap items-end gap-3">
        <NativeSelect
          aria-label={t('recurrence.label')}
          className="w-auto min-w-44"
          value={customRule ? '' : frequency}
          onChange={(event) => set({ frequency: event.target.value as Frequency })}
        >
          {customRule ? <option value="">—</option> : null}
          {FREQUENCIES.map((option) => (
            <option key={option} value={option}>
              {t(`recurrence.frequencies.${option}`)}
            </option>
          ))}
        </NativeSelect>
        {frequency !== 'none' && !customRule ? (
          <div className="flex items-center gap-2">
            <Label htmlFor="recurrence-interval">{t('recurrence.interval')}</Label>
            <Input
              id="recurrence-interval"
              type="number"
              min={1}
              max={99}
              className="w-20"
              aria-invalid={errors?.interval ? true : undefined}
              aria-describedby={errors?.interval ? 'recurrence-interval-error' : undefined}
              value={Number.isNaN(value.interval) ? '' : value.interval}
              onChange={(event) => set({ interval: number(event) })}
            />
            <span className="text-sm">
              {t(`recurrence.units.${frequency}`, { count: value.interval || 1 })}
            </span>
          </div>
        ) : null}
      </div>
      <FieldErrorText id="recurrence-interval-error" message={errors?.interval?.message} />

      {frequency === 'weekly' && !customRule ? (
        <fieldset className="grid gap-1.5">
          <legend className="mb-1.5 text-sm font-medium">{t('recurrence.weekdays')}</legend>
          <div className="flex flex-wrap gap-1.5">
            {WEEKDAYS.map((day) => (
              <label
                key={day}
                title={weekdayName(day, language)}
                className="border-input hover:bg-accent has-checked:border-primary has-checked:bg-primary has-checked:text-primary-foreground has-focus-visible:ring-ring flex h-9 min-w-11 cursor-pointer items-center justify-center rounded-full border px-2 text-xs font-medium has-focus-visible:ring-2"
              >
                <input
                  type="checkbox"
                  className="sr-only"
                  aria-label={weekdayName(day, language)}
                  checked={value.weekdays.includes(day)}
                  onChange={(event) =>
                    set({
                      weekdays: event.target.checked
                        ? [...value.weekdays, day]
                        : value.weekdays.filter((other) => other !== day),
                    })
                  }
                />
                {weekdayName(day, language, 'short')}
              </label>
            ))}
          </div>
          <FieldErrorText id="recurrence-weekdays-error" message={errors?.weekdays?.message} />
        </fieldset>
      ) : null}

      {frequency === 'monthly' && !customRule ? (
        <fieldset className="grid gap-1">
          <legend className="mb-1.5 text-sm font-medium">{t('recurrence.monthly')}</legend>
          <Choice
            name="recurrence-monthly"
            checked={value.monthly === 'day'}
            onCheck={() => set({ monthly: 'day' })}
            label={t('recurrence.month_day')}
          >
            <Input
              type="number"
              min={1}
              max={31}
              className="w-20"
              aria-label={t('recurrence.month_day')}
              disabled={value.monthly !== 'day'}
              value={Number.isNaN(value.monthDay) ? '' : value.monthDay}
              onChange={(event) => set({ monthDay: number(event) })}
            />
          </Choice>
          <FieldErrorText id="recurrence-month-day-error" message={errors?.monthDay?.message} />
          <Choice
            name="recurrence-monthly"
            checked={value.monthly === 'weekday'}
            onCheck={() => set({ monthly: 'weekday' })}
            label={t('recurrence.ordinal')}
          >
            <NativeSelect
              className="w-auto"
              aria-label={t('recurrence.ordinal')}
              disabled={value.monthly !== 'weekday'}
              value={value.ordinal}
              onChange={(event) => set({ ordinal: Number(event.target.value) as Ordinal })}
            >
              {ORDINALS.map((ordinal) => (
                <option key={ordinal} value={ordinal}>
                  {ordinalWords(ordinal, language)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              className="w-auto"
              aria-label={t('recurrence.weekday')}
              disabled={value.monthly !== 'weekday'}
              value={value.weekday}
              onChange={(event) => set({ weekday: event.target.value as Weekday })}
            >
              {WEEKDAYS.map((day) => (
                <option key={day} value={day}>
                  {weekdayName(day, language)}
                </option>
              ))}
            </NativeSelect>
          </Choice>
        </fieldset>
      ) : null}

      {frequency !== 'none' && !customRule ? (
        <fieldset className="grid gap-1">
          <legend className="mb-1.5 text-sm font-medium">{t('recurrence.ends')}</legend>
          <Choice
            name="recurrence-ends"
            checked={value.ends === 'never'}
            onCheck={() => set({ ends: 'never' })}
            label={t('recurrence.ends_never')}
          />
          <Choice
            name="recurrence-ends"
            checked={value.ends === 'until'}
            onCheck={() => set({ ends: 'until' })}
            label={t('recurrence.ends_until')}
          >
            <Input
              type="date"
              className="w-auto"
              aria-label={t('recurrence.until')}
              disabled={value.ends !== 'until'}
              aria-invalid={errors?.until ? true : undefined}
              value={value.until}
              onChange={(event) => set({ until: event.target.value })}
            />
          </Choice>
          <FieldErrorText id="recurrence-until-error" message={errors?.until?.message} />
          <Choice
            name="recurrence-ends"
            checked={value.ends === 'count'}
            onCheck={() => set({ ends: 'count' })}
            label={t('recurrence.ends_count')}
          >
            <Input
              type="number"
              min={1}
              max={999}
              className="w-20"
              aria-label={t('recurrence.count')}
              disabled={value.ends !== 'count'}
              aria-invalid={errors?.count ? true : undefined}
              value={Number.isNaN(value.count) ? '' : value.count}
              onChange={(event) => set({ count: number(event) })}
            />
            <span className="text-sm">{t('recurrence.times')}</span>
          </Choice>
          <FieldErrorText id="recurrence-count-error" message={errors?.count?.message} />
        </fieldset>
      ) : null}

      <p
        aria-live="polite"
        data-testid="recurrence-words"
        className="bg-muted flex items-start gap-2 rounded-md px-3 py-2 text-sm"
      >
        <Repeat className="mt-0.5 size-4 shrink-0" aria-hidden />
        <span>{words}</span>
      </p>
      <FieldErrorText id="recurrence-error" message={errors?.message} />
    </fieldset>
  );
}
