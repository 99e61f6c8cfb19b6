import type { components } from '../api/schema';

import { readAll, readJson, type Store } from './store';

type Schemas = components['schemas'];
export type MirroredIncident = Schemas['IncidentOut'];
export type MirroredAction = Schemas['ActionOut'];
export type Site = Schemas['SiteOut'];

/** The device's copies of server records, one key each. */
export const INCIDENTS_PREFIX = 'mirror:incident:';
export const ACTIONS_PREFIX = 'mirror:action:';
export const SITES_KEY = 'cache:sites';

const byNewest = <T extends { created_at: string }>(a: T, b: T) =>
  b.created_at.localeCompare(a.created_at);

export async function listIncidents(store: Store) {
  return (await readAll<MirroredIncident>(store, INCIDENTS_PREFIX)).sort(byNewest);
}

export const getIncident = (store: Store, id: string) =>
  readJson<MirroredIncident>(store, INCIDENTS_PREFIX + id);

/** My actions, soonest due first. */
export async function listActions(store: Store) {
  const actions = await readAll<MirroredAction>(store, ACTIONS_PREFIX);
  return actions.sort((a, b) => a.due_date.localeCompare(b.due_date));
}

export const getAction = (store: Store, id: string) =>
  readJson<MirroredAction>(store, ACTIONS_PREFIX + id);

/** The active sites, as last downloaded (for the report form offline). */
export async function listSites(store: Store) {
  return (await readJson<Site[]>(store, SITES_KEY)) ?? [];
}
