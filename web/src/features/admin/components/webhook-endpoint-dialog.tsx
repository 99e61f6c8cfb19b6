import { useState } from 'react';
import type * as React from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import {
  Dialog,
  DialogContent,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import type { WebhookEndpoint } from '../api/get-webhook-endpoints';
import { useWebhookEventTypes } from '../api/get-webhook-event-types';
import {
  useCreateWebhookEndpoint,
  useUpdateWebhookEndpoint,
  webhookEndpointSchema,
  type WebhookEndpointInput,
} from '../api/save-webhook-endpoint';

/** Creates an endpoint (its secret goes to `onCreated`) or edits one. */
export function WebhookEndpointDialog({
  endpoint,
  trigger,
  onCreated,
}: {
  endpoint?: WebhookEndpoint;
  trigger: React.ReactNode;
  onCreated?: (secret: string) => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const [open, setOpen] = useState(false);
  const create = useCreateWebhookEndpoint();
  const update = useUpdateWebhookEndpoint(endpoint?.id ?? '');
  const form = useZodForm(webhookEndpointSchema, {
    values: {
      url: endpoint?.url ?? '',
      description: endpoint?.description ?? '',
      event_types: endpoint?.event_types ?? [],
      enabled: endpoint?.enabled ?? true,
    },
  });
  const { errors, isSubmitting } = form.formState;
  // The server's catalogue, plus any type an existing endpoint names that it no longer has.
  const catalogue = useWebhookEventTypes().data ?? [];
  const describe = new Map(catalogue.map((event) => [event.name, event.description]));
  const events = [
    ...new Set([...catalogue.map((event) => event.name), ...(endpoint?.event_types ?? [])]),
  ];

  const onSubmit = form.handleSubmit(async (input: WebhookEndpointInput) => {
    try {
      if (endpoint) {
        await update.mutateAsync({
          ...input,
          description: input.description || null,
          headers: endpoint.headers,
        });
        toast.success(t('webhooks.saved'));
      } else {
        const created = await create.mutateAsync(input);
        onCreated?.(created.secret);
      }
      setOpen(false);
    } catch (error) {
      applyProblem(error, form.setError, ['url', 'description', 'event_types']);
    }
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{endpoint ? t('webhooks.edit_title') : t('webhooks.create')}</DialogTitle>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          <FormField
            id="endpoint-url"
            label={t('webhooks.fields.url')}
            hint={t('webhooks.fields.url_hint')}
            error={errors.url}
          >
            {(control) => (
              <Input {...control} {...form.register('url')} type="url" className="font-mono" />
            )}
          </FormField>
          <FormField
            id="endpoint-description"
            label={t('webhooks.fields.description')}
            error={errors.description}
          >
            {(control) => <Input {...control} {...form.register('description')} />}
          </FormField>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t('webhooks.fields.events')}</legend>
            <p className="text-muted-foreground text-xs">{t('webhooks.fields.events_hint')}</p>
            <Controller
              control={form.control}
              name="event_types"
              render={({ field }) => (
                <div className="grid gap-2 sm:grid-cols-2">
                  {events.map((event) => (
                    <div key={event} className="flex items-center gap-2">
                      <Checkbox
                        id={`event-${event}`}
                        checked={field.value.includes(event)}
                        onCheckedChange={(checked) =>
                          field.onChange(
                            checked
                              ? [...field.value, event]
                              : field.value.filter((value) => value !== event),
                          )
                        }
                      />
                      <Label
                        htmlFor={`event-${event}`}
                        title={describe.get(event)}
                        className="font-mono text-xs font-normal"
                      >
                        {event}
                      </Label>
                    </div>
                  ))}
                </div>
              )}
            />
          </fieldset>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" pending={isSubmitting}>
              {tc('common.save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
