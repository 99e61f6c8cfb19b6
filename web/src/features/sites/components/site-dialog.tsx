import { useState } from 'react';
import type * as React from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { SiteKindIcon } from '@/components/sites/site-kind';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { ApiProblem } from '@/lib/api/problem';
import { SITE_KINDS, type Site } from '@/lib/api/sites';
import { applyProblem, type ProblemFields } from '@/lib/forms/apply-problem';
import { translateIfExists } from '@/lib/i18n';
import { useZodForm } from '@/lib/forms/use-zod-form';

import { siteFormValues, siteSchema, useSaveSite, type SiteInput } from '../api/save-site';

/** The API's field paths, by the form field that shows their errors. */
const PROBLEM_FIELDS: ProblemFields<SiteInput> = {
  name: 'name',
  kind: 'kind',
  location: 'location',
  coordinates: 'latitude',
  'coordinates.latitude': 'latitude',
  'coordinates.longitude': 'longitude',
};

/** Creates a site (no `site`) or edits one. */
export function SiteDialog({ site, trigger }: { site?: Site; trigger: React.ReactNode }) {
  const { t } = useTranslation('sites');
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{site ? t('dialog.edit_title') : t('dialog.create_title')}</DialogTitle>
          <DialogDescription>{t('dialog.description')}</DialogDescription>
        </DialogHeader>
        {/* Mounted while open only: each opening starts from the site as saved. */}
        <SiteForm site={site} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function SiteForm({ site, onDone }: { site?: Site; onDone: () => void }) {
  const { t } = useTranslation('sites');
  const { t: tc } = useTranslation();
  const save = useSaveSite(site?.id);
  const form = useZodForm(siteSchema, { defaultValues: siteFormValues(site) });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      const saved = await save.mutateAsync(input);
      toast.success(t(site ? 'dialog.saved' : 'dialog.created', { name: saved.name }));
      onDone();
    } catch (error) {
      // A conflict has no `errors[]`, but it is about the name.
      if (error instanceof ApiProblem && error.code === 'site_name_taken') {
        form.setError(
          'name',
          { type: error.code, message: 'sites:errors.name_taken' },
          { shouldFocus: true },
        );
        return;
      }
      applyProblem(error, form.setError, PROBLEM_FIELDS);
    }
  });

  const kindError = errors.kind?.message;
  return (
    <form className="grid gap-4" onSubmit={onSubmit} noValidate>
      <FormField id="site-name" label={t('dialog.name')} error={errors.name}>
        {(control) => (
          <Input {...control} {...form.register('name')} maxLength={120} autoComplete="off" />
        )}
      </FormField>
      <fieldset
        className="grid gap-1.5"
        aria-describedby={kindError ? 'site-kind-error' : undefined}
      >
        <legend className="mb-1.5 text-sm leading-none font-medium">{t('dialog.kind')}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {SITE_KINDS.map((kind) => (
            <label
              key={kind}
              className="border-input hover:bg-accent has-checked:border-primary has-checked:bg-primary/5 has-checked:text-primary has-focus-visible:ring-ring flex cursor-pointer flex-col items-center gap-1 rounded-md border px-2 py-2.5 text-center text-sm font-medium has-focus-visible:ring-2"
            >
              <input type="radio" className="sr-only" value={kind} {...form.register('kind')} />
              <SiteKindIcon kind={kind} className="size-5 text-current" />
              {t(`kinds.${kind}`)}
            </label>
          ))}
        </div>
        {kindError ? (
          <p id="site-kind-error" role="alert" className="text-destructive text-xs font-medium">
            {translateIfExists(kindError) ?? kindError}
          </p>
        ) : null}
      </fieldset>
      <FormField
        id="site-location"
        label={t('dialog.location')}
        hint={t('dialog.location_hint')}
        error={errors.location}
      >
        {(control) => <Input {...control} {...form.register('location')} maxLength={200} />}
      </FormField>
      <fieldset className="grid gap-1.5" aria-describedby="site-coordinates-hint">
        <legend className="mb-1.5 text-sm leading-none font-medium">
          {t('dialog.coordinates')}
        </legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {(['latitude', 'longitude'] as const).map((axis) => (
            <FormField
              key={axis}
              id={`site-${axis}`}
              // Rows stay at the top when the other field's error takes two lines.
              className="content-start"
              label={
                <span className="text-muted-foreground font-normal">{t(`dialog.${axis}`)}</span>
              }
              error={errors[axis]}
            >
              {(control) => (
                <Input
                  {...control}
                  {...form.register(axis)}
                  inputMode="decimal"
                  autoComplete="off"
                  className="tabular-nums"
                />
              )}
            </FormField>
          ))}
        </div>
        <p id="site-coordinates-hint" className="text-muted-foreground text-xs">
          {t('dialog.coordinates_hint')}
        </p>
      </fieldset>
      <div className="flex items-start gap-3">
        <Controller
          control={form.control}
          name="is_active"
          render={({ field }) => (
            <Switch
              id="site-active"
              className="mt-0.5"
              aria-describedby="site-active-hint"
              checked={field.value}
              onCheckedChange={field.onChange}
              onBlur={field.onBlur}
            />
          )}
        />
        <div className="grid gap-1">
          <Label htmlFor="site-active">{t('dialog.active')}</Label>
          <p id="site-active-hint" className="text-muted-foreground text-xs">
            {t('dialog.active_hint')}
          </p>
        </div>
      </div>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          {tc('common.cancel')}
        </Button>
        <Button type="submit" pending={isSubmitting}>
          {tc('common.save')}
        </Button>
      </DialogFooter>
    </form>
  );
}
