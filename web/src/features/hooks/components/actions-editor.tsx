import { Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';

import { ACTION_TYPES, newAction, type ActionDraft } from '../lib/actions';
import type { SchemaField } from '../lib/schema-fields';
import { ActionEditor } from './action-editor';
import type { FieldErrors } from './condition-builder';

const MAX_ACTIONS = 20;

/** The hook's actions in order, each with its editor; added from a menu of types. */
export function ActionsEditor({
  actions,
  onChange,
  fields,
  errors,
}: {
  actions: ActionDraft[];
  onChange: (actions: ActionDraft[]) => void;
  fields: SchemaField[];
  errors: FieldErrors;
}) {
  const { t } = useTranslation('hooks');
  const move = (index: number, by: -1 | 1) => {
    const next = [...actions];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    onChange(next);
  };
  return (
    <section aria-labelledby="actions-title" className="grid gap-4">
      <div className="grid gap-1">
        <h2 id="actions-title" className="text-lg font-semibold">
          {t('actions.title')}
        </h2>
        <p className="text-muted-foreground text-sm">{t('actions.hint')}</p>
      </div>
      {actions.map((action, index) => (
        <ActionEditor
          key={action.id}
          index={index}
          count={actions.length}
          action={action}
          onChange={(changed) =>
            onChange(actions.map((item) => (item.id === action.id ? changed : item)))
          }
          onMove={(by) => move(index, by)}
          onRemove={() => onChange(actions.filter((item) => item.id !== action.id))}
          fields={fields}
          errors={errors}
        />
      ))}
      {errors.actions ? (
        <p role="alert" className="text-destructive text-sm font-medium">
          {errors.actions}
        </p>
      ) : null}
      <div>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button type="button" variant="outline" disabled={actions.length >= MAX_ACTIONS}>
              <Plus aria-hidden />
              {t('actions.add')}
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start">
            {ACTION_TYPES.map((type) => (
              <DropdownMenuItem key={type} onSelect={() => onChange([...actions, newAction(type)])}>
                {t(`actions.types.${type}`)}
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
    </section>
  );
}
