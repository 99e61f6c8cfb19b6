import { z } from 'zod';

import { EMPLOYERS, INCIDENT_TYPES, INJURY_CLASSES, MAX_PHOTOS, SEVERITIES } from './values';

/*
 * The incident report's rules, as the API checks `IncidentIn`: the limits and their
 * messages (i18n keys of the `hse` namespace, see ./words.fr.ts). The web form
 * (web/src/features/hse/api/report-incident.ts) and the field app's
 * (mobile/src/reports/rules.ts) build their schemas from these. What differs stays in each
 * app: how the time is typed (a wall clock in the user's zone on the web, an instant on the
 * device), the photos (uploaded ids on the web, local files on the device), the assignee
 * (web only) and the position's accuracy (device only).
 */

export const personSchema = z.object({
  full_name: z.string().trim().min(1, 'hse:errors.person_name').max(200, 'errors.field.too_long'),
  employer: z.enum(EMPLOYERS),
  injury_class: z.union([z.enum(INJURY_CLASSES), z.literal('')]),
  // Typed as text: a number input gives '' while being cleared.
  days_lost: z
    .string()
    .refine((text) => /^\d+$/.test(text.trim()) && Number(text) <= 3650, 'hse:errors.days_lost'),
});

export type PersonInput = z.input<typeof personSchema>;

export const blankPerson = (): PersonInput => ({
  full_name: '',
  employer: 'employee',
  injury_class: '',
  days_lost: '0',
});

/**
 * The time it occurred, as typed: `toInstant` reads it as an ISO instant (null when it
 * cannot). Required, and not in the future.
 */
export const occurredAtSchema = (toInstant: (text: string) => string | null) =>
  z
    .string()
    .refine((text) => toInstant(text) !== null, 'hse:errors.occurred_required')
    .refine((text) => {
      const instant = toInstant(text);
      // A minute's grace: "now" was filled in when the form opened.
      return instant === null || Date.parse(instant) <= Date.now() + 60_000;
    }, 'hse:errors.occurred_future');

/** At most `MAX_PHOTOS` photos, whatever stands for one (an uploaded id, a local file). */
export const photosSchema = <T extends z.ZodType>(photo: T) =>
  z.array(photo).max(MAX_PHOTOS, 'hse:errors.photos_max');

/** The fields both forms have, with the same rules; spread into each app's `z.object`. */
export const incidentFields = {
  title: z.string().trim().min(10, 'hse:errors.title_min').max(200, 'hse:errors.title_max'),
  severity: z.enum(SEVERITIES),
  incident_type: z.enum(INCIDENT_TYPES),
  site_id: z.string(),
  location: z
    .string()
    .trim()
    .min(1, 'hse:errors.location_required')
    .max(200, 'hse:errors.location_max'),
  description: z
    .string()
    .trim()
    .min(20, 'hse:errors.description_min')
    .max(10000, 'hse:errors.description_max'),
  immediate_actions: z.string().trim().max(4000, 'hse:errors.actions_max'),
  people: z.array(personSchema).max(50, 'hse:errors.people_max'),
};
