import { Check } from 'lucide-react';
import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';

import { FormField } from '@/components/ui/form-field';
import { Input, NativeSelect } from '@/components/ui/input';

import { COLORS, type EventFormValues } from '../lib/event-form';
import { DEFAULT_COLOR } from '../lib/fc-events';

const CATEGORIES = ['meeting', 'training', 'inspection', 'audit', 'drill', 'maintenance'] as const;
const SWATCHES = [['none', ''], ...Object.entries(COLORS)] as [
  keyof typeof COLORS | 'none',
  string,
][];

/** How the event shows: its category (free text, a few suggested), colour and visibility. */
export function LookFields({ form }: { form: UseFormReturn<EventFormValues> }) {
  const { t } = useTranslation('calendar');
  const { errors } = form.formState;
  const chosen = form.watch('color');
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <FormField id="event-category" label={t('dialog.category')} error={errors.category}>
        {(control) => (
          <>
            <Input
              {...control}
              list="event-categories"
              maxLength={40}
              autoComplete="off"
              placeholder={t('dialog.category_placeholder')}
              {...form.register('category')}
            />
            <datalist id="event-categories">
              {CATEGORIES.map((category) => (
                <option key={category} value={t(`dialog.categories.${category}`)} />
              ))}
            </datalist>
          </>
        )}
      </FormField>
      <FormField id="event-visibility" label={t('dialog.visibility')}>
        {(control) => (
          <NativeSelect {...control} {...form.register('visibility')}>
            {(['company', 'private'] as const).map((option) => (
              <option key={option} value={option}>
                {t(`dialog.visibilities.${option}`)}
              </option>
            ))}
          </NativeSelect>
        )}
      </FormField>
      <fieldset className="grid gap-1.5 sm:col-span-2">
        <legend className="mb-1.5 text-sm font-medium">{t('dialog.color')}</legend>
        <div className="flex flex-wrap gap-2">
          {SWATCHES.map(([name, color]) => (
            <label
              key={name}
              title={t(`dialog.colors.${name}`)}
              className="has-focus-visible:ring-ring relative flex size-8 cursor-pointer items-center justify-center rounded-full border-2 border-transparent has-checked:border-slate-900 has-focus-visible:ring-2"
            >
              <input
                type="radio"
                className="sr-only"
                value={color}
                aria-label={t(`dialog.colors.${name}`)}
                {...form.register('color')}
              />
              <span
                aria-hidden
                className="flex size-6 items-center justify-center rounded-full text-white"
                style={{ backgroundColor: color || DEFAULT_COLOR }}
              >
                {chosen === color ? <Check className="size-3.5" /> : null}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
