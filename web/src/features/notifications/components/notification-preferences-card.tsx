import { Link } from '@tanstack/react-router';
import type * as React from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ErrorState } from '@/components/data/list-states';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { FormField } from '@/components/ui/form-field';
import { Input, NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { Switch } from '@/components/ui/switch';
import { useMe } from '@/lib/auth/me';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';
import { translateIfExists } from '@/lib/i18n';

import { usePreferences, type Preferences } from '../api/get-preferences';
import {
  CHANNELS,
  preferencesSchema,
  UNMUTABLE,
  useUpdatePreferences,
  type PreferencesInput,
} from '../api/update-preferences';
import { CATEGORIES } from '../filters';

const FIELDS = [
  'enabled_channels',
  'dnd_enabled',
  'dnd_start_time',
  'dnd_end_time',
  'min_priority',
  'muted_categories',
  'digest_enabled',
  'digest_frequency',
] as const satisfies readonly (keyof PreferencesInput)[];

/** `min_priority` values and their words (0 every notification … 3 urgent only). */
const PRIORITIES = [
  [0, 'all'],
  [1, 'normal'],
  [2, 'high'],
  [3, 'urgent'],
] as const;

/** One part of the card: its heading and why, beside its controls on wide screens. */
function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: string;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="grid gap-3 border-t pt-5 first:border-t-0 first:pt-0 lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-8"
    >
      <div className="grid content-start gap-1">
        <h3 id={`${id}-title`} className="font-medium">
          {title}
        </h3>
        <p className="text-muted-foreground text-sm">{description}</p>
      </div>
      <div className="grid content-start gap-3">{children}</div>
    </section>
  );
}

/** A switch with its label and a line of hint, the switch at the end of the line. */
function SwitchRow({
  id,
  label,
  hint,
  checked,
  onCheckedChange,
}: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
}) {
  return (
    <div className="flex items-center justify-between gap-4">
      <div className="grid gap-1">
        <Label htmlFor={id}>{label}</Label>
        {hint ? (
          <p id={`${id}-hint`} className="text-muted-foreground text-xs">
            {hint}
          </p>
        ) : null}
      </div>
      <Switch
        id={id}
        checked={checked}
        onCheckedChange={onCheckedChange}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
    </div>
  );
}

/**
 * `HH:MM`, 24-hour, whatever the browser's locale: the times read as everywhere else in
 * the app ("jusqu’à 08:00"), never 10:00 PM beside 22:00.
 */
function TimeInput(props: React.ComponentProps<'input'>) {
  return (
    <Input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="22:00"
      maxLength={8}
      className="tabular-nums"
      {...props}
    />
  );
}

/** A field error not tied to one input (a group of checkboxes). */
function GroupError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-destructive text-xs font-medium">
      {translateIfExists(message) ?? message}
    </p>
  );
}

function PreferencesForm({ saved }: { saved: Preferences }) {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const { user } = useMe();
  const update = useUpdatePreferences();
  const form = useZodForm(preferencesSchema, { values: saved });
  const { errors, isSubmitting, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      await update.mutateAsync(input);
      toast.success(t('preferences.saved'));
    } catch (error) {
      applyProblem(error, form.setError, FIELDS);
    }
  });

  return (
    <form className="grid gap-5" onSubmit={onSubmit} noValidate>
      <Section
        id="pref-channels"
        title={t('preferences.channels.title')}
        description={t('preferences.channels.description')}
      >
        <Controller
          control={form.control}
          name="enabled_channels"
          render={({ field }) => (
            <div role="group" aria-labelledby="pref-channels-title" className="grid gap-3">
              {CHANNELS.map((channel) => (
                <SwitchRow
                  key={channel}
                  id={`pref-channel-${channel}`}
                  label={t(`channels.${channel}`)}
                  hint={t(`preferences.channels.${channel}_hint`)}
                  checked={field.value.includes(channel)}
                  onCheckedChange={(on) =>
                    field.onChange(
                      CHANNELS.filter((c) => (c === channel ? on : field.value.includes(c))),
                    )
                  }
                />
              ))}
            </div>
          )}
        />
      </Section>

      <Section
        id="pref-dnd"
        title={t('preferences.dnd.title')}
        description={t('preferences.dnd.description')}
      >
        <Controller
          control={form.control}
          name="dnd_enabled"
          render={({ field }) => (
            <SwitchRow
              id="pref-dnd-enabled"
              label={t('preferences.dnd.enable')}
              checked={field.value}
              onCheckedChange={field.onChange}
            />
          )}
        />
        <div className="grid grid-cols-2 items-start gap-4 sm:max-w-sm">
          <FormField
            id="pref-dnd-start"
            label={t('preferences.dnd.start')}
            error={errors.dnd_start_time}
          >
            {(control) => <TimeInput {...control} {...form.register('dnd_start_time')} />}
          </FormField>
          <FormField id="pref-dnd-end" label={t('preferences.dnd.end')} error={errors.dnd_end_time}>
            {(control) => <TimeInput {...control} {...form.register('dnd_end_time')} />}
          </FormField>
        </div>
        <p className="text-muted-foreground text-xs">
          {t('preferences.dnd.time_zone', { zone: user.time_zone.replaceAll('_', ' ') })}{' '}
          <Link
            to="/profile"
            search={{ tab: 'profile' }}
            className="text-primary underline-offset-4 hover:underline"
          >
            {t('preferences.dnd.change_zone')}
          </Link>
        </p>
      </Section>

      <Section
        id="pref-priority"
        title={t('preferences.priority.title')}
        description={t('preferences.priority.description')}
      >
        <FormField
          id="pref-min-priority"
          label={t('preferences.priority.label')}
          error={errors.min_priority}
          className="sm:max-w-xs"
        >
          {(control) => (
            <NativeSelect
              {...control}
              {...form.register('min_priority', { setValueAs: (value) => Number(value) })}
            >
              {PRIORITIES.map(([value, words]) => (
                <option key={value} value={value}>
                  {t(`preferences.priority.options.${words}`)}
                </option>
              ))}
            </NativeSelect>
          )}
        </FormField>
      </Section>

      <Section
        id="pref-muted"
        title={t('preferences.muted.title')}
        description={t('preferences.muted.description')}
      >
        <Controller
          control={form.control}
          name="muted_categories"
          render={({ field }) => (
            <div
              role="group"
              aria-labelledby="pref-muted-title"
              className="grid gap-3 sm:grid-cols-2"
            >
              {CATEGORIES.map((category) => {
                const id = `pref-muted-${category}`;
                const locked = category === UNMUTABLE;
                return (
                  <div key={category} className="flex items-center gap-2">
                    <Checkbox
                      id={id}
                      checked={field.value.includes(category)}
                      disabled={locked}
                      aria-describedby={locked ? 'pref-muted-locked' : undefined}
                      onCheckedChange={(checked) =>
                        field.onChange(
                          CATEGORIES.filter((c) =>
                            c === category ? checked === true : field.value.includes(c),
                          ),
                        )
                      }
                    />
                    <Label htmlFor={id}>{t(`categories.${category}`)}</Label>
                  </div>
                );
              })}
            </div>
          )}
        />
        <p id="pref-muted-locked" className="text-muted-foreground text-xs">
          {t('preferences.muted.security_hint')}
        </p>
        <GroupError message={errors.muted_categories?.message} />
      </Section>

      <Section
        id="pref-digest"
        title={t('preferences.digest.title')}
        description={t('preferences.digest.description')}
      >
        <Controller
          control={form.control}
          name="digest_enabled"
          render={({ field }) => (
            <SwitchRow
              id="pref-digest-enabled"
              label={t('preferences.digest.enable')}
              checked={field.value}
              onCheckedChange={field.onChange}
            />
          )}
        />
        <FormField
          id="pref-digest-frequency"
          label={t('preferences.digest.frequency')}
          error={errors.digest_frequency}
          className="sm:max-w-xs"
        >
          {(control) => (
            <NativeSelect {...control} {...form.register('digest_frequency')}>
              <option value="daily">{t('preferences.digest.daily')}</option>
              <option value="weekly">{t('preferences.digest.weekly')}</option>
            </NativeSelect>
          )}
        </FormField>
      </Section>

      <div className="border-t pt-5">
        <Button type="submit" pending={isSubmitting} disabled={!isDirty}>
          {tc('common.save')}
        </Button>
      </div>
    </form>
  );
}

/**
 * The seed's "Préférences de notification" card: channels, do not disturb (in the
 * profile's time zone), minimum priority, muted categories and the email digest.
 */
export function NotificationPreferencesCard() {
  const { t } = useTranslation('notifications');
  const preferences = usePreferences();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('preferences.title')}</CardTitle>
        <CardDescription>{t('preferences.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        {preferences.isPending ? (
          <div className="grid gap-4" aria-busy>
            <Skeleton className="h-5 w-1/3" />
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-5 w-1/2" />
          </div>
        ) : preferences.isError ? (
          <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
        ) : (
          <PreferencesForm saved={preferences.data} />
        )}
      </CardContent>
    </Card>
  );
}
