import type { Site } from '@/lib/api/sites';

/** A site as the API returns it, with what a test cares about changed. */
export function site(overrides: Partial<Site> & Pick<Site, 'id' | 'name'>): Site {
  return {
    company_id: '0193a7c2-0000-7000-8000-00000000c0de',
    kind: 'platform',
    location: null,
    coordinates: null,
    is_active: true,
    created_at: '2026-11-02T08:00:00Z',
    updated_at: '2026-11-02T08:00:00Z',
    ...overrides,
  };
}

export const alpha = site({
  id: '0193a7c2-0000-7000-8000-0000000000a1',
  name: 'Platform Alpha',
  location: 'Block 17, 80 km off Port-Gentil',
  coordinates: { latitude: -1.2345, longitude: 8.6789 },
});

export const supplyVessel = site({
  id: '0193a7c2-0000-7000-8000-0000000000b2',
  name: 'Ocean Pride',
  kind: 'vessel',
  is_active: false,
});
