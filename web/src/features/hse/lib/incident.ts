import * as shared from '@opsflux/shared/hse/values';

import type { Schemas } from '@/lib/api/client';
import { type Grants, hasPermission } from '@/lib/auth/permissions';

export type Incident = Schemas['IncidentOut'];
export type IncidentDetail = Schemas['IncidentDetail'];
export type Severity = Schemas['Severity'];
export type IncidentType = Schemas['IncidentType'];
export type IncidentStatus = Schemas['IncidentStatus'];
export type InjuryClass = Schemas['InjuryClass'];
export type Employer = Schemas['Employer'];

// The value lists come from the shared HSE values (packages/shared), checked here
// against this app's API types.
export const SEVERITIES = shared.SEVERITIES satisfies readonly Severity[];
export const INCIDENT_TYPES = shared.INCIDENT_TYPES satisfies readonly IncidentType[];
export const STATUSES = shared.STATUSES satisfies readonly IncidentStatus[];
export const INJURY_CLASSES = shared.INJURY_CLASSES satisfies readonly InjuryClass[];
export const EMPLOYERS = shared.EMPLOYERS satisfies readonly Employer[];

/** Every HSE query starts with this key: a report refreshes lists and details. */
export const INCIDENTS_KEY = ['hse', 'incidents'] as const;

/** The model attachments name incidents by (`GET /api/v1/attachments?model=`). */
export const INCIDENT_MODEL = 'hse.incident';

/** The upload purpose of an incident's photos (`POST /api/v1/files?purpose=`). */
export const PHOTO_PURPOSE = 'hse.photo';
export const MAX_PHOTOS = shared.MAX_PHOTOS;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** Once approved, an incident's facts are settled: no edit, no delete (409 `incident_locked`). */
export const isLocked = (incident: Incident) =>
  incident.status === 'approved' || incident.status === 'closed';

/**
 * Whether the user may edit the incident, as the API decides: `hse.edit.incident` (at
 * scope `own`: theirs or assigned to them), or being its reporter while it is a draft or
 * rejected. Never once it is approved.
 */
export function mayEdit(incident: Incident, userId: string, grants: Grants) {
  if (isLocked(incident)) return false;
  const involved = incident.reported_by === userId || incident.assigned_to === userId;
  if (hasPermission(grants, 'hse.edit.incident', 'company')) return true;
  if (hasPermission(grants, 'hse.edit.incident', 'own') && involved) return true;
  return (
    incident.reported_by === userId &&
    (incident.status === 'draft' || incident.status === 'rejected')
  );
}

/** Whether the user may delete the incident (`hse.delete.incident`, not approved yet). */
export const mayDelete = (incident: Incident, grants: Grants) =>
  !isLocked(incident) && hasPermission(grants, 'hse.delete.incident');

/**
 * Whether the user may write the investigation now: while the incident is under
 * investigation, the API offers them `request_approval`, which asks for the same
 * permission at the incident's scope as saving the investigation does.
 */
export const mayInvestigate = (incident: IncidentDetail) =>
  incident.status === 'under_investigation' && incident.transitions.includes('request_approval');
