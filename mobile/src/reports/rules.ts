import { z } from 'zod';

import type { Schemas } from '@/api/client';
import type { IncidentPayload, LocalPhoto } from '@/sync/outbox';

/*
 * The report's rules, copied from the web app's form: web/src/features/hse/api/report-incident.ts
 * (`incidentSchema`, `personSchema`) and web/src/features/hse/lib/incident.ts (the value
 * lists, MAX_PHOTOS). Same limits, same messages (i18n keys of the `hse` namespace). Keep
 * the two in step. Differences, all from the device: the time is taken as an instant
 * (no time-zone field to type), the photos are local files (uploaded by the outbox),
 * and there is no assignee picker (the people directory is not offline).
 */

export const SEVERITIES = [
  'low',
  'medium',
  'high',
  'critical',
] as const satisfies Schemas['Severity'][];
export const INCIDENT_TYPES = [
  'injury',
  'near_miss',
  'environment',
  'property_damage',
  'security',
  'process_safety',
] as const satisfies Schemas['IncidentType'][];
export const INJURY_CLASSES = [
  'first_aid',
  'medical_treatment',
  'restricted_work',
  'lost_time',
  'fatality',
] as const satisfies Schemas['InjuryClass'][];
export const EMPLOYERS = ['employee', 'contractor'] as const satisfies Schemas['Employer'][];
export const MAX_PHOTOS = 5;

const personSchema = z.object({
  full_name: z.string().trim().min(1, 'hse:errors.person_name').max(200, 'errors.field.too_long'),
  employer: z.enum(EMPLOYERS),
  injury_class: z.union([z.enum(INJURY_CLASSES), z.literal('')]),
  // Typed as text: a number input gives '' while being cleared.
  days_lost: z
    .string()
    .refine((text) => /^\d+$/.test(text.trim()) && Number(text) <= 3650, 'hse:errors.days_lost'),
});

const photoSchema = z.custom<LocalPhoto>(
  (value) => typeof value === 'object' && value !== null && 'uri' in value,
);

export const incidentSchema = z.object({
  title: z.string().trim().min(10, 'hse:errors.title_min').max(200, 'hse:errors.title_max'),
  severity: z.enum(SEVERITIES),
  incident_type: z.enum(INCIDENT_TYPES),
  occurred_at: z
    .string()
    .refine((text) => !Number.isNaN(Date.parse(text)), 'hse:errors.occurred_required')
    // A minute's grace: "now" was filled in when the form opened.
    .refine((text) => Date.parse(text) <= Date.now() + 60_000, 'hse:errors.occurred_future'),
  site_id: z.string(),
  location: z
    .string()
    .trim()
    .min(1, 'hse:errors.location_required')
    .max(200, 'hse:errors.location_max'),
  coordinates: z
    .object({ latitude: z.number(), longitude: z.number(), accuracy: z.number().nullable() })
    .nullable(),
  description: z
    .string()
    .trim()
    .min(20, 'hse:errors.description_min')
    .max(10000, 'hse:errors.description_max'),
  immediate_actions: z.string().trim().max(4000, 'hse:errors.actions_max'),
  people: z.array(personSchema).max(50, 'hse:errors.people_max'),
  photos: z.array(photoSchema).max(MAX_PHOTOS, 'hse:errors.photos_max'),
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

export const blankPerson = (): PersonInput => ({
  full_name: '',
  employer: 'employee',
  injury_class: '',
  days_lost: '0',
});

/** The incident as the API takes it (blanks as `null`), without its photos (the outbox adds them). */
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
export function incidentInput(payload: IncidentPayload, photos: LocalPhoto[]): IncidentInput {
  return {
    title: payload.title,
    severity: payload.severity,
    incident_type: payload.incident_type,
    occurred_at: payload.occurred_at,
    site_id: payload.site_id ?? '',
    location: payload.location,
    coordinates: payload.coordinates ? { ...payload.coordinates, accuracy: null } : null,
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
