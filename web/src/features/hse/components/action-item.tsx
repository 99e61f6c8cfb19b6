import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { UserName } from '@/components/people/user-name';
import { Button } from '@/components/ui/button';
import { useMe } from '@/lib/auth/me';
import { usePermissions } from '@/lib/auth/permissions';
import { useFormat } from '@/lib/i18n/format';
import { cn } from '@/lib/utils';

import { type Action, type ActionMove, actionMoves } from '../lib/actions';
import { ActionStatusChip, OverdueBadge } from './action-badges';
import { ActionMoveDialog } from './action-move-dialog';

/** The moves the user may make on the action now, each confirmed in a dialog. */
function ActionMoves({ action }: { action: Action }) {
  const { t } = useTranslation('hse');
  const me = useMe();
  const { can } = usePermissions();
  const [move, setMove] = useState<ActionMove | null>(null);
  const moves = actionMoves(action, me.user.id, can('hse.manage.action'));
  if (moves.length === 0) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {moves.map((candidate) => (
        <Button
          key={candidate}
          size="sm"
          variant={candidate === 'cancel' || candidate === 'reopen' ? 'outline' : 'secondary'}
          onClick={() => setMove(candidate)}
        >
          {t(`actions.moves.${candidate}.label`)}
        </Button>
      ))}
      {move ? <ActionMoveDialog action={action} move={move} onClose={() => setMove(null)} /> : null}
    </div>
  );
}

/**
 * One corrective or preventive action: its number, title, owner, due date and status,
 * the note of its last move, and the moves the user may make. `linkToIncident` makes
 * its title open the incident (the "My actions" page).
 */
export function ActionItem({
  action,
  linkToIncident = false,
}: {
  action: Action;
  linkToIncident?: boolean;
}) {
  const { t } = useTranslation('hse');
  const format = useFormat();
  return (
    <li className="grid gap-2 py-3 first:pt-0 last:pb-0 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start sm:gap-4">
      <div className="grid min-w-0 gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-muted-foreground font-mono text-xs">{action.number}</span>
          <ActionStatusChip status={action.status} />
          {action.overdue ? <OverdueBadge /> : null}
          <span className="text-muted-foreground text-xs">{t(`actions.kinds.${action.kind}`)}</span>
        </div>
        {linkToIncident ? (
          <Link
            to="/hse/incidents/$id"
            params={{ id: action.incident_id }}
            className="font-medium break-words hover:underline"
            aria-label={t('actions.open_incident', { number: action.number, title: action.title })}
          >
            {action.title}
          </Link>
        ) : (
          <p className="font-medium break-words">{action.title}</p>
        )}
        <p className="text-muted-foreground text-sm">
          <UserName id={action.owner_id} />
          {' · '}
          <span className={cn(action.overdue && 'text-destructive font-medium')}>
            {t('actions.due', { date: format.day(action.due_date) })}
          </span>
        </p>
        {action.status_note ? (
          <p className="border-muted text-muted-foreground border-l-2 pl-2 text-sm break-words whitespace-pre-line">
            {action.status_note}
          </p>
        ) : null}
      </div>
      <ActionMoves action={action} />
    </li>
  );
}
