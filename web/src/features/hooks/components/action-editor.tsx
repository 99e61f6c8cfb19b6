import { Link } from '@tanstack/react-router';
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Input, NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';

import { useEmailTemplateOptions, useWebhookEndpointOptions } from '../api/get-action-options';
import { useHookTasks } from '../api/get-hook-tasks';
import {
  ACTION_TYPES,
  CATEGORIES,
  CHANNELS,
  newAction,
  recipientList,
  type ActionDraft,
  type ActionType,
  type Config,
} from '../lib/actions';
import { templateFields, type SchemaField } from '../lib/schema-fields';
import {
  HOURS_DEFAULT,
  HOURS_MAX,
  HOURS_MIN,
  hoursText,
  paramsOf,
  paramsText,
  parseParams,
  REPLAY_FAILED,
  taskLabel,
  withHours,
} from '../lib/tasks';
import type { FieldErrors } from './condition-builder';
import { RecipientsInput } from './recipients-input';
import { TemplateInput } from './template-input';

type EditorProps = {
  id: string;
  config: Config;
  set: (key: string, value: unknown) => void;
  /** Replaces the whole config; `paramsText` is the JSON editor's text (left as is when not given). */
  update: (config: Config, paramsText?: string) => void;
  paramsText: string | undefined;
  fields: SchemaField[];
  error: (control: string) => string | undefined;
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function Message({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="text-destructive text-xs font-medium">
      {message}
    </p>
  );
}

/** A select with its label and the server's message for it. */
function SelectField({
  id,
  label,
  error,
  hint,
  children,
  ...props
}: React.ComponentProps<typeof NativeSelect> & {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: React.ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="grid content-start gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...props}
      >
        {children}
      </NativeSelect>
      {hint ? (
        <div id={`${id}-hint`} className="text-muted-foreground text-xs">
          {hint}
        </div>
      ) : null}
      <Message id={`${id}-error`} message={error} />
    </div>
  );
}

function NotificationEditor({ id, config, set, fields, error }: EditorProps) {
  const { t } = useTranslation('hooks');
  const quoted = templateFields(fields);
  const channels = Array.isArray(config.channels) ? (config.channels as string[]) : [];
  return (
    <div className="grid gap-4">
      <RecipientsInput
        id={`${id}-recipients`}
        value={recipientList(config.recipients)}
        onChange={(value) => set('recipients', value)}
        fields={fields}
        error={error('recipients')}
      />
      <TemplateInput
        id={`${id}-title`}
        label={t('actions.title_field')}
        value={text(config.title)}
        onChange={(value) => set('title', value)}
        fields={quoted}
        error={error('title')}
      />
      <TemplateInput
        id={`${id}-message`}
        label={t('actions.message')}
        value={text(config.message)}
        onChange={(value) => set('message', value)}
        fields={quoted}
        multiline
        hint={t('actions.placeholders_hint')}
        error={error('message')}
      />
      <TemplateInput
        id={`${id}-link`}
        label={t('actions.link')}
        value={text(config.link)}
        onChange={(value) => set('link', value)}
        fields={quoted}
        hint={t('actions.link_hint')}
        placeholder="/admin/users/{id}"
        error={error('link')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          id={`${id}-category`}
          label={t('actions.category')}
          error={error('category')}
          value={text(config.category) || 'system'}
          onChange={(event) => set('category', event.target.value)}
        >
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`categories.${category}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-priority`}
          label={t('actions.priority')}
          error={error('priority')}
          value={String(typeof config.priority === 'number' ? config.priority : 1)}
          onChange={(event) => set('priority', Number(event.target.value))}
        >
          {(['0', '1', '2', '3'] as const).map((priority) => (
            <option key={priority} value={priority}>
              {t(`actions.priorities.${priority}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="grid gap-2" aria-describedby={`${id}-channels-hint`}>
        <legend className="mb-1 text-sm font-medium">{t('actions.channels')}</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {CHANNELS.map((channel) => (
            <div key={channel} className="flex items-center gap-2">
              <Checkbox
                id={`${id}-channel-${channel}`}
                checked={channels.includes(channel)}
                onCheckedChange={(checked) =>
                  set(
                    'channels',
                    checked ? [...channels, channel] : channels.filter((c) => c !== channel),
                  )
                }
              />
              <Label htmlFor={`${id}-channel-${channel}`} className="font-normal">
                {t(`channels.${channel}`)}
              </Label>
            </div>
          ))}
        </div>
        <p id={`${id}-channels-hint`} className="text-muted-foreground text-xs">
          {t('actions.channels_hint')}
        </p>
        <Message id={`${id}-channels-error`} message={error('channels')} />
      </fieldset>
    </div>
  );
}

function EmailEditor({ id, config, set, fields, error }: EditorProps) {
  const { t } = useTranslation('hooks');
  const templates = useEmailTemplateOptions(true);
  const current = text(config.template);
  const names = templates.data?.map((template) => template.name) ?? [];
  const describe = new Map(
    templates.data?.map((template) => [template.name, template.description]),
  );
  return (
    <div className="grid gap-4">
      <SelectField
        id={`${id}-template`}
        label={t('actions.template')}
        error={error('template')}
        hint={describe.get(current)}
        value={current}
        onChange={(event) => set('template', event.target.value)}
      >
        <option value="">{t('actions.template_placeholder')}</option>
        {[...new Set([...names, ...(current ? [current] : [])])].map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </SelectField>
      <RecipientsInput
        id={`${id}-recipients`}
        value={recipientList(config.recipients)}
        onChange={(value) => set('recipients', value)}
        fields={fields}
        error={error('recipients')}
      />
    </div>
  );
}

/** One of the company's webhook endpoints, or a link to create one when there is none. */
function EndpointPicker({
  id,
  value,
  onChange,
  error,
  hint,
  label,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  hint: string;
  label: string;
}) {
  const { t } = useTranslation('hooks');
  const endpoints = useWebhookEndpointOptions(true);
  const list = endpoints.data ?? [];
  if (endpoints.isSuccess && list.length === 0) {
    return (
      <div className="grid gap-1.5">
        <p className="text-muted-foreground text-sm">
          <Link to="/admin/webhooks" className="text-primary underline-offset-4 hover:underline">
            {t('actions.endpoint_none')}
          </Link>
        </p>
        <Message id={`${id}-error`} message={error} />
      </div>
    );
  }
  return (
    <SelectField
      id={id}
      label={label}
      error={error}
      hint={hint}
      className="font-mono text-xs"
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{t('actions.endpoint_placeholder')}</option>
      {value && !list.some((endpoint) => endpoint.id === value) ? (
        <option value={value}>{value}</option>
      ) : null}
      {list.map((endpoint) => (
        <option key={endpoint.id} value={endpoint.id}>
          {endpoint.description ? `${endpoint.description} — ${endpoint.url}` : endpoint.url}
        </option>
      ))}
    </SelectField>
  );
}

function WebhookEditor({ id, config, set, error }: EditorProps) {
  const { t } = useTranslation('hooks');
  return (
    <EndpointPicker
      id={`${id}-endpoint`}
      label={t('actions.endpoint')}
      hint={t('actions.endpoint_hint')}
      value={text(config.endpoint_id)}
      onChange={(value) => set('endpoint_id', value)}
      error={error('endpoint_id')}
    />
  );
}

/** `webhooks.replay_failed`: which endpoint, and how far back. */
function ReplayFailedParams({ id, config, update, error }: EditorProps) {
  const { t } = useTranslation('hooks');
  const params = paramsOf(config);
  const hoursError = error('params.hours');
  const hoursId = `${id}-params-hours`;
  return (
    <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
      <EndpointPicker
        id={`${id}-params-endpoint`}
        label={t('actions.endpoint')}
        hint={t('actions.replay_endpoint_hint')}
        value={text(params.endpoint_id)}
        onChange={(value) => update({ ...config, params: { ...params, endpoint_id: value } })}
        error={error('params.endpoint_id')}
      />
      <div className="grid content-start gap-1.5">
        <Label htmlFor={hoursId}>{t('actions.hours')}</Label>
        <Input
          id={hoursId}
          type="number"
          inputMode="numeric"
          min={HOURS_MIN}
          max={HOURS_MAX}
          step={1}
          placeholder={String(HOURS_DEFAULT)}
          value={hoursText(params)}
          aria-invalid={hoursError ? true : undefined}
          aria-describedby={[`${hoursId}-hint`, hoursError ? `${hoursId}-error` : null]
            .filter(Boolean)
            .join(' ')}
          onChange={(event) => update({ ...config, params: withHours(params, event.target.value) })}
        />
        <p id={`${hoursId}-hint`} className="text-muted-foreground text-xs">
          {t('actions.hours_hint', { min: HOURS_MIN, max: HOURS_MAX, default: HOURS_DEFAULT })}
        </p>
        <Message id={`${hoursId}-error`} message={hoursError} />
      </div>
      <div className="sm:col-span-2">
        <Message id={`${id}-params-error`} message={error('params')} />
      </div>
    </div>
  );
}

/** Any other task: its params typed as a JSON object. */
function JsonParams({ id, config, paramsText: typed, update, error }: EditorProps) {
  const { t } = useTranslation('hooks');
  const value = typed ?? paramsText(config.params);
  const parsed = parseParams(value);
  const live = parsed.ok
    ? undefined
    : t(parsed.reason === 'invalid_json' ? 'codes.params_json' : 'codes.params_object');
  const message = error('params') ?? live;
  const fieldId = `${id}-params`;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={fieldId}>{t('actions.params')}</Label>
      <Textarea
        id={fieldId}
        className="min-h-28 font-mono text-xs leading-relaxed"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        value={value}
        aria-invalid={message ? true : undefined}
        aria-describedby={[`${fieldId}-hint`, message ? `${fieldId}-error` : null]
          .filter(Boolean)
          .join(' ')}
        onChange={(event) => {
          const next = parseParams(event.target.value);
          update(next.ok ? { ...config, params: next.value } : config, event.target.value);
        }}
      />
      <p id={`${fieldId}-hint`} className="text-muted-foreground text-xs">
        {t('actions.params_hint')}
      </p>
      <Message id={`${fieldId}-error`} message={message} />
    </div>
  );
}

/** `create_task`: a task of the modules' catalogue, and its params. */
function TaskEditor(props: EditorProps) {
  const { id, config, update, error } = props;
  const { t, i18n } = useTranslation('hooks');
  const tasks = useHookTasks();
  const list = tasks.data ?? [];
  const current = text(config.task);
  const none = tasks.isSuccess && list.length === 0;
  return (
    <div className="grid gap-4">
      <SelectField
        id={`${id}-task`}
        label={t('actions.task')}
        error={error('task')}
        hint={none ? t('actions.task_none') : t('actions.task_hint')}
        value={current}
        onChange={(event) => update({ ...config, task: event.target.value, params: {} }, undefined)}
      >
        <option value="">{t('actions.task_placeholder')}</option>
        {current && !list.some((task) => task.name === current) ? (
          <option value={current}>{current}</option>
        ) : null}
        {list.map((task) => (
          <option key={task.name} value={task.name}>
            {taskLabel(list, task.name, i18n.language)}
          </option>
        ))}
      </SelectField>
      {current === REPLAY_FAILED ? (
        <ReplayFailedParams {...props} />
      ) : current ? (
        <JsonParams {...props} />
      ) : null}
    </div>
  );
}

function ScriptEditor({ id, config, set, error }: EditorProps) {
  const { t } = useTranslation('hooks');
  const message = error('code');
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={`${id}-code`}>{t('actions.code')}</Label>
      <Textarea
        id={`${id}-code`}
        className="min-h-56 font-mono text-xs leading-relaxed"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        value={text(config.code)}
        aria-invalid={message ? true : undefined}
        aria-describedby={[`${id}-code-hint`, message ? `${id}-code-error` : null]
          .filter(Boolean)
          .join(' ')}
        onChange={(event) => set('code', event.target.value)}
      />
      <p id={`${id}-code-hint`} className="text-muted-foreground text-xs">
        {t('actions.code_hint')}
      </p>
      <Message id={`${id}-code-error`} message={message} />
    </div>
  );
}

const EDITORS: Record<ActionType, (props: EditorProps) => React.ReactNode> = {
  send_notification: NotificationEditor,
  send_email: EmailEditor,
  call_webhook: WebhookEditor,
  create_task: TaskEditor,
  execute_code: ScriptEditor,
};

const isKnown = (type: string): type is ActionType =>
  (ACTION_TYPES as readonly string[]).includes(type);

/** One action: its type, its settings, and its place in the list. */
export function ActionEditor({
  index,
  count,
  action,
  onChange,
  onMove,
  onRemove,
  fields,
  errors,
}: {
  index: number;
  count: number;
  action: ActionDraft;
  onChange: (action: ActionDraft) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  fields: SchemaField[];
  errors: FieldErrors;
}) {
  const { t } = useTranslation('hooks');
  const n = index + 1;
  const id = `action-${action.id}`;
  const error = (control: string) => errors[`action:${index}:${control}`];
  const whole = errors[`action:${index}`] ?? errors[`action:${index}:config`];
  const Editor = isKnown(action.type) ? EDITORS[action.type] : null;
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="bg-card grid gap-4 rounded-lg border p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`${id}-heading`} className="text-sm font-semibold whitespace-nowrap">
          {t('actions.number', { n })}
        </h3>
        <NativeSelect
          aria-label={t('actions.type')}
          aria-invalid={error('type') ? true : undefined}
          className="h-8 w-auto max-w-full min-w-0 flex-1 sm:flex-none"
          value={action.type}
          onChange={(event) =>
            onChange({ ...newAction(event.target.value as ActionType), id: action.id })
          }
        >
          {!isKnown(action.type) ? (
            <option value={action.type}>{t('actions.unknown_type', { type: action.type })}</option>
          ) : null}
          {ACTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`actions.types.${type}`)}
            </option>
          ))}
        </NativeSelect>
        <div className="ml-auto flex gap-1">
          <Button
            type="button"
            variant="ghost"
            size="icon"
            className="size-8"
            disabled={index === 0}
            aria-label={t('actions.move_up', { n })}
            title={t('actions.move_up', { n })}
            onClick={() => onMove(-1)}
          >
            <ArrowUp aria-hidden />
          </Button>
          <Button
            type="button"
            variant="ghost"
            size="icon"
            className="size-8"
            disabled={index === count - 1}
            aria-label={t('actions.move_down', { n })}
            title={t('actions.move_down', { n })}
            onClick={() => onMove(1)}
          >
            <ArrowDown aria-hidden />
          </Button>
          <Button
            type="button"
            variant="ghost"
            size="icon"
            className="size-8"
            aria-label={t('actions.remove', { n })}
            title={t('actions.remove', { n })}
            onClick={onRemove}
          >
            <Trash2 aria-hidden />
          </Button>
        </div>
      </div>
      {error('type') ? <Message id={`${id}-type-error`} message={error('type')} /> : null}
      {Editor ? (
        <Editor
          id={id}
          config={action.config}
          set={(key, value) => onChange({ ...action, config: { ...action.config, [key]: value } })}
          update={(config, ...typed) =>
            onChange(
              typed.length > 0
                ? { ...action, config, paramsText: typed[0] }
                : { ...action, config },
            )
          }
          paramsText={action.paramsText}
          fields={fields}
          error={error}
        />
      ) : null}
      {whole ? <Message id={`${id}-error`} message={whole} /> : null}
    </section>
  );
}
