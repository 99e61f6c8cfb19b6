import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { isoToZonedInput } from '@/lib/zoned-time';

import { type IncidentDetail, INCIDENTS_KEY } from '../lib/incident';
import { ifMatch } from '../lib/revision';
import { incidentQueryKey } from './get-incident';
import { incidentFields, type IncidentInput, type IncidentValues } from './report-incident';

/** Changes the fields in `patch`, as of the revision the form was opened on (`If-Match`). */
export function useUpdateIncident(incident: IncidentDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (patch: Schemas['IncidentPatch']) =>
      unwrap(
        await api.PATCH('/api/v1/hse/incidents/{id}', {
          params: {
            path: { id: incident.id },
            header: { 'If-Match': ifMatch(incident.revision) },
          },
          body: patch,
        }),
      ),
    onSuccess: (detail) => {
      queryClient.setQueryData(incidentQueryKey(incident.id), detail);
      void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
    },
  });
}

/** The form's values for an incident as saved (its time on the user's wall clock). */
export function incidentValues(incident: IncidentDetail, zone: string): IncidentInput {
  return {
    title: incident.title,
    severity: incident.severity,
    incident_type: incident.incident_type,
    occurred_at: isoToZonedInput(incident.occurred_at, zone),
    site_id: incident.site_id ?? '',
    location: incident.location,
    coordinates: incident.coordinates ?? null,
    description: incident.description,
    immediate_actions: incident.immediate_actions ?? '',
    assigned_to: incident.assigned_to ?? '',
    people: incident.people.map((person) => ({
      full_name: person.full_name,
      employer: person.employer,
      injury_class: person.injury_class ?? '',
      days_lost: String(person.days_lost),
    })),
    photo_ids: [],
  };
}

/**
 * Only what the user changed, compared field by field as the API reads them: an
 * untouched field is left out (it stays as it is, even if someone else changed it).
 */
export function incidentPatch(
  before: IncidentValues,
  after: IncidentValues,
  zone: string,
): Schemas['IncidentPatch'] {
  const old = incidentFields(before, zone);
  const next = incidentFields(after, zone);
  return Object.fromEntries(
    (Object.keys(next) as (keyof typeof next)[])
      .filter((key) => JSON.stringify(next[key]) !== JSON.stringify(old[key]))
      .map((key) => [key, next[key]]),
  );
}
