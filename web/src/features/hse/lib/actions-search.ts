import { ACTION_STATUSES, type ActionStatus } from './actions';

/** Which actions the page shows: the user's own, the overdue ones, or all in reach. */
export const ACTION_VIEWS = ['mine', 'overdue', 'all'] as const;
export type ActionView = (typeof ACTION_VIEWS)[number];

/** The actions page's filters as the address keeps them (`/hse/actions?view=overdue`). */
export type ActionSearch = { view?: Exclude<ActionView, 'mine'>; status?: ActionStatus };

const oneOf = <T extends string>(values: readonly T[], value: unknown) =>
  values.find((candidate) => candidate === value);

/** The address's search parameters, with what is unknown dropped ("mine" is the default). */
export function actionSearch(search: Record<string, unknown>): ActionSearch {
  const view = oneOf(ACTION_VIEWS, search.view);
  const status = oneOf(ACTION_STATUSES, search.status);
  return {
    ...(view && view !== 'mine' ? { view } : {}),
    ...(status ? { status } : {}),
  };
}

/** The list request's query for a view: the server keeps a user with scope `own` to theirs. */
export function actionQuery({
  view = 'mine',
  status,
}: {
  view?: ActionView;
  status?: ActionStatus;
}) {
  return {
    ...(view === 'mine' ? { owner: 'me' } : {}),
    ...(view === 'overdue' ? { overdue: true } : {}),
    ...(status ? { status } : {}),
  };
}
export type ActionQuery = ReturnType<typeof actionQuery>;
