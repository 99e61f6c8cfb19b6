import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Input, NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Switch } from '@/components/ui/switch';
import { ApiProblem } from '@/lib/api/problem';
import { problemMessage } from '@/lib/forms/apply-problem';
import { i18n } from '@/lib/i18n';

import type { HookEvent } from '../api/get-hook-events';
import type { Hook } from '../api/get-hooks';
import { useSaveHook } from '../api/save-hook';
import { checkDraft, draftOf, type Draft } from '../lib/draft';
import { controlFor, controlKey } from '../lib/error-paths';
import { paramsControl } from '../lib/tasks';
import { setPendingTry } from '../lib/pending-try';
import { schemaFields } from '../lib/schema-fields';
import { ActionsEditor } from './actions-editor';
import type { FieldErrors } from './condition-builder';
import { ConditionsEditor } from './conditions-editor';
import { DryRunPanel } from './dry-run-panel';
import { ExecutionsLog } from './executions-log';

/** The words for a server field error: ours for its code, with the server's detail. */
function serverMessage(code: string, detail: string, area: string) {
  if (area === 'actions' && code === 'length') return i18n.t('hooks:actions.count');
  // "the event has no field `nope`": name the field in the user's language.
  const named = /`([^`]+)`\s*$/.exec(detail)?.[1];
  if (code === 'unknown_field' && named)
    return i18n.t('hooks:codes.unknown_field_named', { name: named });
  const key = `hooks:codes.${code}`;
  if (i18n.exists(key))
    return (i18n.t as (key: string, options: object) => string)(key, { detail });
  return detail;
}

function Message({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="text-destructive text-xs font-medium">
      {message}
    </p>
  );
}

/** Events grouped by the module that emits them, each described under the picker. */
function EventPicker({
  events,
  value,
  onChange,
  error,
}: {
  events: HookEvent[];
  value: string;
  onChange: (event: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation('hooks');
  const modules = [...new Set(events.map((event) => event.module))].sort();
  const picked = events.find((event) => event.name === value);
  return (
    <div className="grid content-start gap-1.5 sm:col-span-2">
      <Label htmlFor="hook-event">{t('editor.event')}</Label>
      <NativeSelect
        id="hook-event"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={['hook-event-hint', error ? 'hook-event-error' : null]
          .filter(Boolean)
          .join(' ')}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{t('editor.event_placeholder')}</option>
        {value && !picked ? <option value={value}>{value}</option> : null}
        {modules.map((module) => (
          <optgroup key={module} label={module}>
            {events
              .filter((event) => event.module === module)
              .map((event) => (
                <option key={event.name} value={event.name}>
                  {event.name}
                </option>
              ))}
          </optgroup>
        ))}
      </NativeSelect>
      <p id="hook-event-hint" className="text-muted-foreground text-xs">
        {picked ? picked.description : t('editor.event_hint')}
      </p>
      <Message id="hook-event-error" message={error} />
    </div>
  );
}

/**
 * Creates (`hook` absent) or edits a hook: its name and event, the conditions, the
 * actions; then, once saved, the dry run and the run history. Refused saves put each
 * server error beside the control that wrote the faulty part.
 */
export function HookForm({ hook, events }: { hook: Hook | undefined; events: HookEvent[] }) {
  const { t } = useTranslation('hooks');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveHook(hook?.id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(hook));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [incomplete, setIncomplete] = useState<ReadonlySet<string>>(new Set());
  const event = events.find((candidate) => candidate.name === draft.event);
  const fields = event ? schemaFields(event.schema) : [];

  /** Applies a change, and forgets the errors of what it touched. */
  const change = (next: Partial<Draft>, clear: (key: string) => boolean) => {
    setDraft((current) => ({ ...current, ...next }));
    setDirty(true);
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([key]) => !clear(key))),
    );
  };

  /** Saves the draft; answers the hook's id, or null when refused. */
  const submit = async (tryContext?: string): Promise<string | null> => {
    const checked = checkDraft(draft);
    if (!checked.ok) {
      setErrors(
        Object.fromEntries(
          Object.entries(checked.errors).map(([key, message]) => [
            key,
            (i18n.t as (key: string) => string)(`hooks:${message}`),
          ]),
        ),
      );
      setIncomplete(new Set(checked.incomplete));
      toast.error(t('editor.fix_errors'));
      return null;
    }
    setIncomplete(new Set());
    try {
      const saved = await save.mutateAsync(checked.input);
      setErrors({});
      setDirty(false);
      if (!hook) {
        toast.success(t('editor.created', { name: saved.name }));
        if (tryContext !== undefined) setPendingTry(saved.id, tryContext);
        await navigate({ to: '/admin/hooks/$id', params: { id: saved.id }, replace: true });
      } else {
        toast.success(t('editor.saved'));
      }
      return saved.id;
    } catch (error) {
      const placed: FieldErrors = {};
      if (error instanceof ApiProblem) {
        for (const fieldError of error.problem.errors ?? []) {
          let control = controlFor(fieldError.field, fieldError.code, checked.paths);
          if (control.area === 'form') continue;
          let message = serverMessage(fieldError.code, fieldError.message, control.area);
          // A task with a form: its message names the field at fault.
          if (control.area === 'action' && control.control === 'params') {
            const task = draft.actions[control.index]?.config.task;
            const place = paramsControl(typeof task === 'string' ? task : '', fieldError.message);
            if (place !== 'params') {
              control = { ...control, control: place };
              message = t(place === 'params.hours' ? 'codes.hours' : 'codes.params_endpoint');
            }
          }
          // Typed JSON: say where in it.
          placed[controlKey(control)] =
            control.area === 'conditions' && fieldError.field !== 'conditions'
              ? `${fieldError.field} — ${message}`
              : message;
        }
      }
      setErrors(placed);
      if (Object.keys(placed).length === 0) toast.error(problemMessage(error));
      else toast.error(t('editor.fix_errors'));
      return null;
    }
  };

  return (
    <>
      <form
        className="grid gap-6"
        noValidate
        onSubmit={(submitted) => {
          submitted.preventDefault();
          void submit();
        }}
      >
        <Card>
          <CardContent className="grid gap-4 pt-6 sm:grid-cols-2">
            <div className="grid content-start gap-1.5 sm:col-span-2">
              <Label htmlFor="hook-name">{t('editor.name')}</Label>
              <Input
                id="hook-name"
                value={draft.name}
                maxLength={200}
                placeholder={t('editor.name_placeholder')}
                aria-invalid={errors.name ? true : undefined}
                aria-describedby={errors.name ? 'hook-name-error' : undefined}
                onChange={(typed) => change({ name: typed.target.value }, (key) => key === 'name')}
              />
              <Message id="hook-name-error" message={errors.name} />
            </div>
            <EventPicker
              events={events}
              value={draft.event}
              error={errors.event}
              onChange={(name) =>
                change({ event: name }, (key) => key === 'event' || key.startsWith('condition'))
              }
            />
            <div className="grid content-start gap-1.5">
              <Label htmlFor="hook-priority">{t('editor.priority')}</Label>
              <Input
                id="hook-priority"
                inputMode="numeric"
                className="w-32"
                value={draft.priority}
                aria-invalid={errors.priority ? true : undefined}
                aria-describedby={
                  ['hook-priority-hint', errors.priority ? 'hook-priority-error' : null]
                    .filter(Boolean)
                    .join(' ') || undefined
                }
                onChange={(typed) =>
                  change({ priority: typed.target.value }, (key) => key === 'priority')
                }
              />
              <p id="hook-priority-hint" className="text-muted-foreground text-xs">
                {t('editor.priority_hint')}
              </p>
              <Message id="hook-priority-error" message={errors.priority} />
            </div>
            <div className="grid content-start gap-1.5">
              <Label htmlFor="hook-active">{t('editor.active')}</Label>
              <Switch
                id="hook-active"
                checked={draft.is_active}
                aria-describedby="hook-active-hint"
                onCheckedChange={(checked) =>
                  change({ is_active: checked }, (key) => key === 'is_active')
                }
              />
              <p id="hook-active-hint" className="text-muted-foreground text-xs">
                {t('editor.active_hint')}
              </p>
            </div>
          </CardContent>
        </Card>
        {!event && !draft.event ? (
          <p className="text-muted-foreground text-sm">{t('editor.choose_event_first')}</p>
        ) : null}
        <Card>
          <CardContent className="pt-6">
            <ConditionsEditor
              state={draft.conditions}
              onChange={(conditions) =>
                change({ conditions }, (key) => key.startsWith('condition'))
              }
              fields={fields}
              errors={errors}
              incomplete={incomplete}
            />
          </CardContent>
        </Card>
        <ActionsEditor
          actions={draft.actions}
          onChange={(actions) => change({ actions }, (key) => key.startsWith('action'))}
          fields={fields}
          errors={errors}
        />
        <div className="bg-background/95 sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-2 border-t px-4 py-3 backdrop-blur md:-mx-6 md:px-6">
          <Button type="submit" pending={save.isPending}>
            {tc('common.save')}
          </Button>
          <Button
            type="button"
            variant="outline"
            onClick={() => void navigate({ to: '/admin/hooks' })}
          >
            {tc('common.cancel')}
          </Button>
          {dirty ? (
            <span className="text-muted-foreground text-sm" role="status">
              {t('editor.unsaved')}
            </span>
          ) : null}
        </div>
      </form>
      <DryRunPanel hookId={hook?.id} event={event} dirty={dirty} save={submit} />
      {hook ? <ExecutionsLog hookId={hook.id} /> : null}
    </>
  );
}
