import type { Schemas } from '@/api/client';

/** Another language's catalogue: the same keys as the French one, any words. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** One label per value of an API enum: the compiler flags a value added to the API. */
export type Labels<E extends keyof Schemas> = Schemas[E] extends string
  ? Record<Schemas[E], string>
  : never;
