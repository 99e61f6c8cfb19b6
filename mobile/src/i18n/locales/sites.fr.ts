import type { Labels } from './shape';

/** Sites (namespace `sites`), at the same paths as web/src/lib/i18n/locales/sites.fr.ts. */
export const frSites = {
  kinds: {
    platform: 'Plateforme',
    vessel: 'Navire',
    base: 'Base',
    onshore: 'Site à terre',
  } satisfies Labels<'SiteKind'>,
};
