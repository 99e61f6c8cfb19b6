import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { SITE_KINDS, SITES_KEY, type Site } from '@/lib/api/sites';

import { parseDegrees } from '../lib/coordinates';

const LIMITS = { latitude: 90, longitude: 180 } as const;

/**
 * The API's rules for `SiteIn` / `SitePatch`. Coordinates are typed as text (a French
 * comma is fine) and go together: both or neither. Messages are i18n keys.
 */
export const siteSchema = z
  .object({
    name: z.string().trim().min(1, 'errors.field.required').max(120, 'errors.field.too_long'),
    kind: z.enum(SITE_KINDS),
    location: z.string().trim().max(200, 'errors.field.too_long'),
    latitude: z.string(),
    longitude: z.string(),
    is_active: z.boolean(),
  })
  .superRefine((value, context) => {
    const blank = (text: string) => text.trim() === '';
    for (const axis of ['latitude', 'longitude'] as const) {
      const other = axis === 'latitude' ? 'longitude' : 'latitude';
      const text = value[axis];
      let message: string | undefined;
      if (blank(text)) {
        if (!blank(value[other])) message = 'sites:errors.coordinates_pair';
      } else if (Number.isNaN(parseDegrees(text))) {
        message = 'sites:errors.number';
      } else if (Math.abs(parseDegrees(text)) > LIMITS[axis]) {
        message = `sites:errors.${axis}_range`;
      }
      if (message) context.addIssue({ code: 'custom', path: [axis], message });
    }
  });
export type SiteInput = z.input<typeof siteSchema>;

/** The form's values for `site`, or for a new one. */
export function siteFormValues(site?: Site): SiteInput {
  return {
    name: site?.name ?? '',
    kind: site?.kind ?? 'platform',
    location: site?.location ?? '',
    latitude: site?.coordinates ? String(site.coordinates.latitude) : '',
    longitude: site?.coordinates ? String(site.coordinates.longitude) : '',
    is_active: site?.is_active ?? true,
  };
}

/** The request body: blanks become `null`, which on an edit clears them. */
export function siteBody(input: SiteInput): Schemas['SiteIn'] {
  const hasCoordinates = input.latitude.trim() !== '' && input.longitude.trim() !== '';
  return {
    name: input.name.trim(),
    kind: input.kind,
    location: input.location.trim() || null,
    coordinates: hasCoordinates
      ? { latitude: parseDegrees(input.latitude), longitude: parseDegrees(input.longitude) }
      : null,
    is_active: input.is_active,
  };
}

export async function createSite(body: Schemas['SiteIn']) {
  return unwrap(await api.POST('/api/v1/sites', { body }));
}

export async function updateSite(id: string, body: Schemas['SitePatch']) {
  return unwrap(await api.PATCH('/api/v1/sites/{id}', { params: { path: { id } }, body }));
}

/** Creates a site, or (with `id`) changes one; lists, pickers and names then refresh. */
export function useSaveSite(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SiteInput) => {
      const body = siteBody(input);
      return id ? updateSite(id, body) : createSite(body);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SITES_KEY }),
  });
}
