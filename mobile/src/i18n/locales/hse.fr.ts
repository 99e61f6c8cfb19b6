import { frHseWords } from '@opsflux/shared/hse/words.fr';

import type { Labels } from './shape';

/**
 * The HSE vocabulary (namespace `hse`): the words the web app shows too, from
 * packages/shared/src/hse/words.fr.ts, their enum keys checked against this app's API types.
 */
export const frHse = {
  ...frHseWords,
  severity: frHseWords.severity satisfies Labels<'Severity'>,
  types: frHseWords.types satisfies Labels<'IncidentType'>,
  status: frHseWords.status satisfies Labels<'IncidentStatus'>,
  // `none`: no injury class (the field is optional in the API).
  injury: frHseWords.injury satisfies Labels<'InjuryClass'> & { none: string },
  employer: frHseWords.employer satisfies Labels<'Employer'>,
  actions: {
    kinds: frHseWords.actions.kinds satisfies Labels<'ActionKind'>,
    status: frHseWords.actions.status satisfies Labels<'ActionStatus'>,
  },
};
