import { Braces, ListFilter } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { cn } from '@/lib/utils';

import {
  withRoot,
  withText,
  withView,
  type ConditionsView,
  type JsonIssue,
} from '../lib/conditions-view';
import type { SchemaField } from '../lib/schema-fields';
import { ConditionBuilder, type FieldErrors } from './condition-builder';

function useIssueMessage() {
  const { t } = useTranslation('hooks');
  return (issue: JsonIssue) => {
    switch (issue.kind) {
      case 'invalid':
        return t('conditions.json_invalid', { message: issue.message });
      case 'not_object':
        return t('conditions.json_not_object');
      case 'not_buildable':
        return t(`conditions.not_buildable.${issue.reason}`);
    }
  };
}

/** Two buttons, one pressed: the builder or the JSON. */
function ViewSwitch({
  state,
  onChange,
}: {
  state: ConditionsView;
  onChange: (state: ConditionsView) => void;
}) {
  const { t } = useTranslation('hooks');
  const views = [
    { view: 'builder' as const, icon: ListFilter, label: t('conditions.view_builder') },
    { view: 'json' as const, icon: Braces, label: t('conditions.view_json') },
  ];
  return (
    <div
      role="group"
      aria-label={t('conditions.view_label')}
      className="bg-muted inline-flex h-8 items-center gap-1 rounded-lg p-1"
    >
      {views.map(({ view, icon: Icon, label }) => {
        const pressed = state.view === view;
        const blocked = view === 'builder' && state.view === 'json' && state.issue !== null;
        return (
          <button
            key={view}
            type="button"
            aria-pressed={pressed}
            disabled={blocked}
            className={cn(
              'focus-visible:ring-ring text-muted-foreground inline-flex h-6 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium focus-visible:ring-2 focus-visible:outline-none disabled:opacity-50 [&_svg]:size-3.5',
              pressed && 'bg-background text-foreground shadow-sm',
            )}
            onClick={() => onChange(withView(state, view))}
          >
            <Icon aria-hidden />
            {label}
          </button>
        );
      })}
    </div>
  );
}

/**
 * The conditions of a hook: the builder driven by the event's schema, or the JSON
 * itself (typed by hand, kept in sync with the builder).
 */
export function ConditionsEditor({
  state,
  onChange,
  fields,
  errors,
  incomplete,
}: {
  state: ConditionsView;
  onChange: (state: ConditionsView) => void;
  fields: SchemaField[];
  errors: FieldErrors;
  incomplete: ReadonlySet<string>;
}) {
  const { t } = useTranslation('hooks');
  const issueMessage = useIssueMessage();
  const sectionError = errors.conditions;
  const jsonError = state.issue ? issueMessage(state.issue) : undefined;
  return (
    <section aria-labelledby="conditions-title" className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <h2 id="conditions-title" className="text-lg font-semibold">
            {t('conditions.title')}
          </h2>
          <p className="text-muted-foreground text-sm">{t('conditions.hint')}</p>
        </div>
        <ViewSwitch state={state} onChange={onChange} />
      </div>
      {state.view === 'builder' ? (
        <ConditionBuilder
          root={state.root}
          onChange={(root) => onChange(withRoot(state, root))}
          fields={fields}
          errors={errors}
          incomplete={incomplete}
        />
      ) : (
        <div className="grid gap-1.5">
          <Label htmlFor="conditions-json">{t('conditions.json_label')}</Label>
          <Textarea
            id="conditions-json"
            className="min-h-40 font-mono text-xs"
            spellCheck={false}
            value={state.text}
            aria-invalid={jsonError && state.issue?.kind !== 'not_buildable' ? true : undefined}
            aria-describedby="conditions-json-hint"
            onChange={(event) => onChange(withText(state, event.target.value))}
          />
          <p id="conditions-json-hint" className="text-muted-foreground text-xs">
            {t('conditions.json_hint')}
          </p>
          {jsonError ? (
            <p
              role={state.issue?.kind === 'not_buildable' ? 'status' : 'alert'}
              className={cn(
                'text-xs font-medium',
                state.issue?.kind === 'not_buildable' ? 'text-amber-800' : 'text-destructive',
              )}
            >
              {jsonError}
            </p>
          ) : null}
        </div>
      )}
      {sectionError ? (
        <p role="alert" className="text-destructive text-sm font-medium">
          {sectionError}
        </p>
      ) : null}
    </section>
  );
}
