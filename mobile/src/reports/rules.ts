import { incidentFields, occurredAtSchema, photosSchema } from '@opsflux/shared/hse/incident-rules';
import * as shared from '@opsflux/shared/hse/values';
import { z } from 'zod';

import type { Schemas } from '@/api/client';
import type { IncidentItem, IncidentPayload, LocalPhoto } from '@/sync/outbox';

/*
 * The report's rules: the web form's (web/src/features/hse/api/report-incident.ts), shared
 * through packages/shared/src/hse/incident-rules.ts (same limits, same messages: i18n keys
 * of the `hse` namespace). Differences, all from the device: the time is taken as an
 * instant (no time-zone field to type), the photos are local files (uploaded by the
 * outbox), the position keeps its accuracy, and there is no assignee picker (the people
 * directory is not offline).
 */

export const SEVERITIES = shared.SEVERITIES satisfies readonly Schemas['Severity'][];
export const INCIDENT_TYPES = shared.INCIDENT_TYPES satisfies readonly Schemas['IncidentType'][];
export const INJURY_CLASSES = shared.INJURY_CLASSES satisfies readonly Schemas['InjuryClass'][];
export const EMPLOYERS = shared.EMPLOYERS satisfies readonly Schemas['Employer'][];
export const MAX_PHOTOS = shared.MAX_PHOTOS;

const photoSchema = z.custom<LocalPhoto>(
  (value) => typeof value === 'object' && value !== null && 'uri' in value,
);

export const incidentSchema = z.object({
  ...incidentFields,
  occurred_at: occurredAtSchema((text) => (Number.isNaN(Date.parse(text)) ? null : text)),
  coordinates: z
    .object({ latitude: z.number(), longitude: z.number(), accuracy: z.number().nullable() })
    .nullable(),
  photos: photosSchema(photoSchema),
});

export type IncidentInput = z.input<typeof incidentSchema>;
export type IncidentValues = z.output<typeof incidentSchema>;
export type PersonInput = IncidentInput['people'][number];

export const blankIncident = (now: Date): IncidentInput => ({
  title: '',
  severity: 'medium',
  incident_type: 'near_miss',
  occurred_at: now.toISOString(),
  site_id: '',
  location: '',
  coordinates: null,
  description: '',
  immediate_actions: '',
  people: [],
  photos: [],
});

export { blankPerson } from '@opsflux/shared/hse/incident-rules';

/**
 * The incident as the API takes it (blanks as `null`), without its photos (the outbox adds
 * them) nor the position's accuracy (the API has no field for it; the item keeps it).
 */
export function incidentPayload(values: IncidentValues, draft = false): IncidentPayload {
  return {
    title: values.title,
    severity: values.severity,
    incident_type: values.incident_type,
    occurred_at: values.occurred_at,
    site_id: values.site_id || null,
    location: values.location,
    coordinates: values.coordinates
      ? { latitude: values.coordinates.latitude, longitude: values.coordinates.longitude }
      : null,
    description: values.description,
    immediate_actions: values.immediate_actions || null,
    people: values.people.map((person) => ({
      full_name: person.full_name,
      employer: person.employer,
      injury_class: person.injury_class || null,
      days_lost: Number(person.days_lost),
    })),
    draft,
  };
}

/** A stored report back into the form (to finish a draft, or fix a refused one). */
export function incidentInput({
  payload,
  photos,
  accuracy,
}: Pick<IncidentItem, 'payload' | 'photos' | 'accuracy'>): IncidentInput {
  return {
    title: payload.title,
    severity: payload.severity,
    incident_type: payload.incident_type,
    occurred_at: payload.occurred_at,
    site_id: payload.site_id ?? '',
    location: payload.location,
    coordinates: payload.coordinates
      ? { ...payload.coordinates, accuracy: accuracy ?? null }
      : null,
    description: payload.description,
    immediate_actions: payload.immediate_actions ?? '',
    people: (payload.people ?? []).map((person) => ({
      full_name: person.full_name,
      employer: person.employer,
      injury_class: person.injury_class ?? '',
      days_lost: String(person.days_lost ?? 0),
    })),
    photos,
  };
}
