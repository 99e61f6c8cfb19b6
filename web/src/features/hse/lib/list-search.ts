import { zonedInputToIso } from '@/lib/zoned-time';

import {
  INCIDENT_TYPES,
  type IncidentStatus,
  type IncidentType,
  SEVERITIES,
  type Severity,
  STATUSES,
} from './incident';

/**
 * The incident list's filters as the address keeps them (a filtered list is a link to
 * share). Names are the API's; the period is in days (`YYYY-MM-DD`).
 */
export type IncidentSearch = {
  q?: string;
  status?: IncidentStatus;
  severity?: Severity;
  incident_type?: IncidentType;
  site_id?: string;
  occurred_from?: string;
  occurred_to?: string;
  assigned_to_me?: true;
  reported_by_me?: true;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const oneOf = <T extends string>(values: readonly T[], value: unknown) =>
  values.find((candidate) => candidate === value);
const text = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const day = (value: unknown) => (typeof value === 'string' && DAY.test(value) ? value : undefined);
const flag = (value: unknown) => (value === true || value === 'true' ? true : undefined);

/** The address's search parameters, with what is unknown or blank dropped (hand-edited links). */
export function incidentSearch(search: Record<string, unknown>): IncidentSearch {
  const parsed: IncidentSearch = {
    q: text(search.q),
    status: oneOf(STATUSES, search.status),
    severity: oneOf(SEVERITIES, search.severity),
    incident_type: oneOf(INCIDENT_TYPES, search.incident_type),
    site_id: text(search.site_id),
    occurred_from: day(search.occurred_from),
    occurred_to: day(search.occurred_to),
    assigned_to_me: flag(search.assigned_to_me),
    reported_by_me: flag(search.reported_by_me),
  };
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined));
}

/** Whether any filter narrows the list. */
export const isFiltered = (search: IncidentSearch) => Object.keys(search).length > 0;

/**
 * The list request's query: the period's days become instants in the user's time zone,
 * from the first day's start to the last day's end (the server includes both ends).
 */
export function incidentQuery(search: IncidentSearch, zone: string) {
  const { occurred_from, occurred_to, ...rest } = search;
  const from = occurred_from && zonedInputToIso(`${occurred_from}T00:00:00`, zone);
  const to = occurred_to && zonedInputToIso(`${occurred_to}T23:59:59`, zone);
  return { ...rest, ...(from ? { occurred_from: from } : {}), ...(to ? { occurred_to: to } : {}) };
}
export type IncidentQuery = ReturnType<typeof incidentQuery>;
