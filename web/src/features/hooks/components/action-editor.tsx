import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';

import {
  ACTION_TYPES,
  CATEGORIES,
  CHANNELS,
  newAction,
  recipientList,
  type ActionDraft,
  type ActionType,
} from '../lib/actions';
import { templateFields, type SchemaField } from '../lib/schema-fields';
import { Message, SelectField, text, type EditorProps } from './action-fields';
import type { FieldErrors } from './condition-builder';
import { EmailEditor } from './email-editor';
import { EndpointPicker } from './endpoint-picker';
import { RecipientsInput } from './recipients-input';
import { TaskEditor } from './task-editor';
import { TemplateInput } from './template-input';

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
