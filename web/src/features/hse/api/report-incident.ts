import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { zonedInputToIso } from '@/lib/zoned-time';

import {
  EMPLOYERS,
  INCIDENT_TYPES,
  INCIDENTS_KEY,
  INJURY_CLASSES,
  MAX_PHOTOS,
  SEVERITIES,
} from '../lib/incident';

const personSchema = z.object({
  full_name: z.string().trim().min(1, 'hse:errors.person_name').max(200, 'errors.field.too_long'),
  employer: z.enum(EMPLOYERS),
  injury_class: z.union([z.enum(INJURY_CLASSES), z.literal('')]),
  // Typed as text: a number input gives '' while being cleared.
  days_lost: z
    .string()
    .refine((text) => /^\d+$/.test(text.trim()) && Number(text) <= 3650, 'hse:errors.days_lost'),
});

/**
 * The API's rules for `IncidentIn`, with the seed's messages (i18n keys). The time is
 * typed as a wall clock in the user's `zone`, and may not be in the future.
 */
export function incidentSchema(zone: string) {
  return z.object({
    title: z.string().trim().min(10, 'hse:errors.title_min').max(200, 'hse:errors.title_max'),
    severity: z.enum(SEVERITIES),
    incident_type: z.enum(INCIDENT_TYPES),
    occurred_at: z
      .string()
      .refine((text) => zonedInputToIso(text, zone) !== null, 'hse:errors.occurred_required')
      .refine((text) => {
        const instant = zonedInputToIso(text, zone);
        // A minute's grace: "now" was filled in when the form opened.
        return instant === null || Date.parse(instant) <= Date.now() + 60_000;
      }, 'hse:errors.occurred_future'),
    site_id: z.string(),
    location: z
      .string()
      .trim()
      .min(1, 'hse:errors.location_required')
      .max(200, 'hse:errors.location_max'),
    coordinates: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
    description: z
      .string()
      .trim()
      .min(20, 'hse:errors.description_min')
      .max(10000, 'hse:errors.description_max'),
    immediate_actions: z.string().trim().max(4000, 'hse:errors.actions_max'),
    assigned_to: z.string(),
    people: z.array(personSchema).max(50, 'hse:errors.people_max'),
    photo_ids: z.array(z.string()).max(MAX_PHOTOS, 'hse:errors.photos_max'),
  });
}
export type IncidentInput = z.input<ReturnType<typeof incidentSchema>>;
export type IncidentValues = z.output<ReturnType<typeof incidentSchema>>;

/** A blank report, its time set to `now` as the user's wall clock reads it. */
export function blankIncident(nowInZone: string): IncidentInput {
  return {
    title: '',
    severity: 'medium',
    incident_type: 'near_miss',
    occurred_at: nowInZone,
    site_id: '',
    location: '',
    coordinates: null,
    description: '',
    immediate_actions: '',
    assigned_to: '',
    people: [],
    photo_ids: [],
  };
}

export const blankPerson = (): IncidentInput['people'][number] => ({
  full_name: '',
  employer: 'employee',
  injury_class: '',
  days_lost: '0',
});

/** The incident's fields as the API takes them: blanks as `null`, the time as an instant. */
export function incidentFields(values: IncidentValues, zone: string) {
  return {
    title: values.title,
    severity: values.severity,
    incident_type: values.incident_type,
    occurred_at: zonedInputToIso(values.occurred_at, zone) ?? values.occurred_at,
    site_id: values.site_id || null,
    location: values.location,
    coordinates: values.coordinates,
    description: values.description,
    immediate_actions: values.immediate_actions || null,
    assigned_to: values.assigned_to || null,
    people: values.people.map((person) => ({
      full_name: person.full_name,
      employer: person.employer,
      injury_class: person.injury_class || null,
      days_lost: Number(person.days_lost),
    })),
  } satisfies Schemas['IncidentPatch'];
}

/** The report's body: the fields, the photos sent beforehand, and whether it is a draft. */
export const incidentBody = (values: IncidentValues, zone: string, draft: boolean) =>
  ({
    ...incidentFields(values, zone),
    photo_ids: values.photo_ids,
    draft,
  }) satisfies Schemas['IncidentIn'];

/**
 * Reports an incident. `idempotencyKey` is the form's, made once when it opened: a
 * retried submit (a lost answer, a double click) gives back the same incident.
 */
export function useReportIncident(idempotencyKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['IncidentIn']) =>
      unwrap(
        await api.POST('/api/v1/hse/incidents', {
          body,
          params: { header: { 'Idempotency-Key': idempotencyKey } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY }),
  });
}
