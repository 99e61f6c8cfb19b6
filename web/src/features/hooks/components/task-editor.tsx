import { useTranslation } from 'react-i18next';

import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';

import { useHookTasks } from '../api/get-hook-tasks';
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
import { Message, SelectField, text, type EditorProps } from './action-fields';
import { EndpointPicker } from './endpoint-picker';

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
export function TaskEditor(props: EditorProps) {
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
