/** The import page's address: `/imports/new?resource=users` opens on that resource. */
export type ImportSearch = { resource?: string };

/** The address's search parameters, with a blank or odd `resource` dropped (hand-edited links). */
export function importSearch(search: Record<string, unknown>): ImportSearch {
  const { resource } = search;
  return typeof resource === 'string' && /^[a-z][a-z0-9_.]*$/.test(resource) ? { resource } : {};
}
