import type { Schemas } from '@/lib/api/client';

export type Action = Schemas['ActionOut'];
export type ActionStatus = Schemas['ActionStatus'];
export type ActionKind = Schemas['ActionKind'];
export type ActionMove = 'start' | 'complete' | 'verify' | 'reopen' | 'cancel';

export const ACTION_STATUSES = [
  'open',
  'in_progress',
  'done',
  'verified',
  'cancelled',
] as const satisfies ActionStatus[];

export const ACTION_KINDS = ['corrective', 'preventive'] as const satisfies ActionKind[];

/** Every action query starts with this key: a move refreshes lists and incidents alike. */
export const ACTIONS_KEY = ['hse', 'actions'] as const;

type Who = 'owner_or_manager' | 'manager_not_owner' | 'manager';

/**
 * The API's action workflow (`backend/src/modules/hse/actions/workflow.rs`): from which
 * statuses a move goes, who may make it, and whether it needs a note saying why.
 */
export const ACTION_MOVES: Record<
  ActionMove,
  { from: readonly ActionStatus[]; who: Who; noteRequired: boolean }
> = {
  start: { from: ['open'], who: 'owner_or_manager', noteRequired: false },
  complete: { from: ['open', 'in_progress'], who: 'owner_or_manager', noteRequired: false },
  verify: { from: ['done'], who: 'manager_not_owner', noteRequired: false },
  reopen: { from: ['done'], who: 'manager', noteRequired: true },
  cancel: { from: ['open', 'in_progress', 'done'], who: 'manager', noteRequired: true },
};

/** The moves `userId` may make on `action` now (`manager`: holds `hse.manage.action`). */
export function actionMoves(action: Action, userId: string, manager: boolean): ActionMove[] {
  const owner = action.owner_id === userId;
  const allowed: Record<Who, boolean> = {
    owner_or_manager: owner || manager,
    manager_not_owner: manager && !owner,
    manager,
  };
  return (Object.keys(ACTION_MOVES) as ActionMove[]).filter((move) => {
    const rule = ACTION_MOVES[move];
    return rule.from.includes(action.status) && allowed[rule.who];
  });
}

/** The minimum length of a note the API requires (reopen, cancel) and of a reject reason. */
export const MIN_REASON = 10;
