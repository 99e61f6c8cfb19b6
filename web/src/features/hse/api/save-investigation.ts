import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import type { IncidentDetail } from '../lib/incident';
import { ifMatch } from '../lib/revision';
import { incidentQueryKey } from './get-incident';

export const INVESTIGATION_METHODS = [
  'five_whys',
  'fishbone',
  'other',
] as const satisfies Schemas['InvestigationMethod'][];

/** The investigation's written parts, in the order it reads. */
export const INVESTIGATION_TEXTS = ['root_causes', 'contributing_factors', 'findings'] as const;

/**
 * Whether nothing is written in the investigation yet: starting one opens it with its
 * method and first investigator but no causes, factors nor findings.
 */
export const isBlankInvestigation = (investigation: IncidentDetail['investigation']) =>
  !investigation || INVESTIGATION_TEXTS.every((name) => !investigation[name]?.trim());

const longText = z.string().trim().max(10000, 'hse:errors.description_max');

/** The API's rules for `InvestigationIn` (root causes and findings are needed only to ask for approval). */
export const investigationSchema = z.object({
  method: z.enum(INVESTIGATION_METHODS),
  root_causes: longText,
  contributing_factors: longText,
  findings: longText,
  investigators: z
    .array(z.string())
    .min(1, 'hse:errors.investigators_min')
    .max(20, 'hse:errors.investigators_max'),
});
export type InvestigationInput = z.input<typeof investigationSchema>;

/** The form's values: the investigation as saved, or a blank one led by `userId`. */
export function investigationValues(
  investigation: IncidentDetail['investigation'],
  userId: string,
): InvestigationInput {
  return {
    method: investigation?.method ?? 'five_whys',
    root_causes: investigation?.root_causes ?? '',
    contributing_factors: investigation?.contributing_factors ?? '',
    findings: investigation?.findings ?? '',
    investigators: investigation?.investigators ?? [userId],
  };
}

/** Saves (replaces) the investigation as of the incident's revision; the incident is read again. */
export function useSaveInvestigation(incident: IncidentDetail) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: z.output<typeof investigationSchema>) =>
      unwrap(
        await api.PUT('/api/v1/hse/incidents/{id}/investigation', {
          params: {
            path: { id: incident.id },
            header: { 'If-Match': ifMatch(incident.revision) },
          },
          body: {
            method: values.method,
            root_causes: values.root_causes || null,
            contributing_factors: values.contributing_factors || null,
            findings: values.findings || null,
            investigators: values.investigators,
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: incidentQueryKey(incident.id) }),
  });
}
