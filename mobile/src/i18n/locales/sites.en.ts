import type { frSites } from './sites.fr';
import type { Shape } from './shape';

/** Sites in English; same shape as `sites.fr.ts`. */
export const enSites: Shape<typeof frSites> = {
  kinds: { platform: 'Platform', vessel: 'Vessel', base: 'Base', onshore: 'Onshore' },
};
