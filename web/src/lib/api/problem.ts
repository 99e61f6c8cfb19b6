import { type Problem } from '@opsflux/shared/problem';

import type { components } from './schema';

// The problem+json helpers live in packages/shared (the field app uses them too).
export {
  ApiProblem,
  type FieldError,
  type Problem,
  problemFrom,
  unwrap,
} from '@opsflux/shared/problem';

type Assignable<From extends To, To> = [From, To];

/** Fails to compile when the API's `Problem` (schema.d.ts) and the shared one part ways. */
export type ProblemMatchesApi = [
  Assignable<components['schemas']['Problem'], Problem>,
  Assignable<Problem, components['schemas']['Problem']>,
];
