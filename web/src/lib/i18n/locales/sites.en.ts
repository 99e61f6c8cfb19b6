import type { frSites } from './sites.fr';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English strings of the sites (admin page, picker, kinds); same shape as `sites.fr.ts`. */
export const enSites: Shape<typeof frSites> = {
  title: 'Sites',
  description:
    'The company’s installations: platforms, vessels, bases and onshore sites. Incidents and registers are recorded at a site.',
  create: 'Add site',
  kinds: {
    platform: 'Platform',
    vessel: 'Vessel',
    base: 'Base',
    onshore: 'Onshore',
  },
  compass: { north: 'N', south: 'S', east: 'E', west: 'W' },
  status: { active: 'Active', inactive: 'Inactive' },
  search: 'Search sites by name',
  kind_filter: 'Kind',
  any_kind: 'All kinds',
  columns: {
    name: 'Name',
    kind: 'Kind',
    location: 'Location',
    coordinates: 'Coordinates',
    status: 'Status',
    actions: 'Actions',
  },
  edit: 'Edit',
  edit_named: 'Edit {{name}}',
  delete: 'Delete',
  delete_named: 'Delete {{name}}',
  delete_title: 'Delete the site “{{name}}”?',
  delete_hint:
    'It will no longer be offered for new records. Incidents and records already at this site keep it.',
  deleted: 'Site “{{name}}” deleted.',
  empty: {
    title: 'No sites yet',
    hint: 'Add your platforms, vessels, bases and onshore sites: every incident, inspection or register entry is recorded at the site where it happens.',
    filtered: 'No site matches this search.',
    clear: 'Clear filters',
  },
  dialog: {
    create_title: 'New site',
    edit_title: 'Edit site',
    description: 'Records name a site; an inactive site is no longer offered.',
    name: 'Name',
    kind: 'Kind',
    location: 'Location',
    location_hint: 'Optional: block, port, town… (200 characters at most).',
    coordinates: 'GPS coordinates (optional)',
    coordinates_hint: 'Decimal degrees, negative south and west: for example -1.2345 and 8.6789.',
    latitude: 'Latitude',
    longitude: 'Longitude',
    active: 'Active',
    active_hint: 'Offered for new records.',
    created: 'Site “{{name}}” added.',
    saved: 'Site “{{name}}” saved.',
  },
  errors: {
    name_taken: 'Another site of the company already has this name.',
    number: 'Enter a number, for example -1.2345.',
    latitude_range: 'Between -90 and 90.',
    longitude_range: 'Between -180 and 180.',
    coordinates_pair: 'Enter both latitude and longitude, or neither.',
  },
  picker: {
    placeholder: 'Search for a site',
    no_match: 'No active site matches.',
    none_yet: 'No active site: an administrator adds them in Administration > Sites.',
    clear: 'Remove {{name}}',
    inactive: 'inactive',
    unknown: 'Site deleted or out of reach',
  },
};
