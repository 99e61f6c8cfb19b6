import { CircleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';

import { useHookTasks } from '../api/get-hook-tasks';
import type { PlannedAction } from '../api/test-hook';
import { ACTION_TYPES, CATEGORIES, type ActionType } from '../lib/actions';
import { taskLabel } from '../lib/tasks';

const isKnownType = (type: string): type is ActionType =>
  (ACTION_TYPES as readonly string[]).includes(type);

const isCategory = (value: string): value is (typeof CATEGORIES)[number] =>
  (CATEGORIES as readonly string[]).includes(value);

function TypeName({ type }: { type: string | undefined }) {
  const { t } = useTranslation('hooks');
  if (!type) return null;
  return (
    <span className="font-medium">{isKnownType(type) ? t(`actions.types.${type}`) : type}</span>
  );
}

/**
 * What one action would do (dry run: the rendered texts, how many people) or did (a
 * run's log: how many people, which delivery), or why it cannot.
 */
export function ActionOutcome({ action, index }: { action: PlannedAction; index: number }) {
  const { t, i18n } = useTranslation('hooks');
  const tasks = useHookTasks(Boolean(action.task));
  const params =
    action.params && typeof action.params === 'object' && !Array.isArray(action.params)
      ? Object.entries(action.params)
      : [];
  const facts = [
    typeof action.recipients === 'number'
      ? t('try.recipients', { count: action.recipients })
      : null,
    action.category && isCategory(action.category) ? t(`categories.${action.category}`) : null,
    typeof action.priority === 'number' && action.priority >= 0 && action.priority <= 3
      ? t(`actions.priorities.${String(action.priority) as '0'}`)
      : null,
    action.template ? t('try.template', { name: action.template }) : null,
    action.endpoint_id ? t('try.endpoint', { id: action.endpoint_id }) : null,
    action.task
      ? t('try.task', { label: taskLabel(tasks.data, action.task, i18n.language) })
      : null,
  ].filter(Boolean);
  return (
    <div className="grid gap-1.5 rounded-md border p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant="outline">{index + 1}</Badge>
        <TypeName type={action.type} />
        {facts.map((fact) => (
          <span key={fact} className="text-muted-foreground text-xs">
            {fact}
          </span>
        ))}
      </div>
      {action.title ? <p className="font-semibold break-words">{action.title}</p> : null}
      {action.message ? (
        <p className="text-muted-foreground break-words whitespace-pre-line">{action.message}</p>
      ) : null}
      {action.link ? <p className="font-mono text-xs break-all">{action.link}</p> : null}
      {params.length > 0 ? (
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 font-mono text-xs">
          {params.map(([key, value]) => (
            <div key={key} className="contents">
              <dt className="text-muted-foreground">{key}</dt>
              <dd className="break-all">
                {typeof value === 'string' ? value : JSON.stringify(value)}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {action.error ? (
        <p role="alert" className="text-destructive flex gap-1.5 text-xs font-medium break-words">
          <CircleAlert className="mt-px size-3.5 shrink-0" aria-hidden />
          {action.error}
        </p>
      ) : null}
      {action.produced ? (
        <div className="grid gap-2 border-l-2 pl-3">
          <p className="text-muted-foreground text-xs font-medium">
            {action.produced.length === 0 ? t('try.produced_none') : t('try.produced')}
          </p>
          {action.produced.map((produced, i) => (
            <ActionOutcome key={i} action={produced} index={i} />
          ))}
        </div>
      ) : null}
    </div>
  );
}
