import { enHseWords } from '@opsflux/shared/hse/words.en';

import type { frHse } from './hse.fr';
import type { Shape } from './shape';

/** The HSE vocabulary in English (packages/shared/src/hse/words.en.ts); same shape as `hse.fr.ts`. */
export const enHse: Shape<typeof frHse> = enHseWords;
