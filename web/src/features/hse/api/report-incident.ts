import {
  incidentFields as sharedFields,
  occurredAtSchema,
  photosSchema,
} from '@opsflux/shared/hse/incident-rules';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { zonedInputToIso } from '@/lib/zoned-time';

import { INCIDENTS_KEY } from '../lib/incident';

/**
 * The API's rules for `IncidentIn`, with the seed's messages (i18n keys): the ones the
 * field app shares (packages/shared/src/hse/incident-rules.ts), then the web's own. The
 * time is typed as a wall clock in the user's `zone`, and may not be in the future.
 */
export function incidentSchema(zone: string) {
  return z.object({
    ...sharedFields,
    occurred_at: occurredAtSchema((text) => zonedInputToIso(text, zone)),
    coordinates: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
    assigned_to: z.string(),
    photo_ids: photosSchema(z.string()),
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

export { blankPerson } from '@opsflux/shared/hse/incident-rules';

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
